import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { getTranslator } from '@/app/i18n/server';
import { can } from '@/lib/auth/roles';
import { guardRoute } from '@/app/lib/auth/guard';
import { fetchBulletin } from '@/app/lib/data';
import { asciiPart, download } from '@/app/lib/download';
import { bulletinPdf } from '@/app/lib/reports/bulletin-pdf';

export const dynamic = 'force-dynamic';

/** An earlier publication's frozen figures. */
const Publication = z.object({ publication: z.coerce.number().int().positive().optional() });

/** The round's 通报 (ranking report) as a PDF: the bureau and leaders. */
export const GET = guardRoute<{ slug: string }, NextRequest>(
  (viewer) => can(viewer, 'round:export'),
  async (req, { viewer, params: { slug } }) => {
    const q = Publication.safeParse(Object.fromEntries(req.nextUrl.searchParams));
    if (!q.success) return NextResponse.json({ error: '参数无效：publication 应为发布序号' }, { status: 400 });
    const found = await fetchBulletin(viewer, slug, q.data.publication);
    if (!found) return NextResponse.json({ error: `没有评价轮次 ${slug}，或该轮次没有单位` }, { status: 404 });
    const { t, locale } = await getTranslator();
    const bytes = await bulletinPdf(found.report, t, locale);
    return download(bytes, 'application/pdf', `bulletin-${asciiPart(found.round.slug)}.pdf`, `${found.round.name}-结果通报.pdf`);
  },
);
