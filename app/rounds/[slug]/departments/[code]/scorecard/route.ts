import { NextResponse, type NextRequest } from 'next/server';
import { getTranslator } from '@/app/i18n/server';
import { can } from '@/lib/auth/roles';
import { guardRoute } from '@/app/lib/auth/guard';
import { fetchScorecards } from '@/app/lib/data';
import { asciiPart, download } from '@/app/lib/download';
import { scorecardPdf } from '@/app/lib/reports/scorecard-pdf';

export const dynamic = 'force-dynamic';

/** One department's 评分表 as a PDF: the department itself, the bureau and leaders (like the 评分表 page). */
export const GET = guardRoute<{ slug: string; code: string }, NextRequest>(
  (viewer, _req, { code }) => can(viewer, 'department:view', { departmentCode: code }),
  async (_req, { viewer, params: { slug, code } }) => {
    const found = await fetchScorecards(viewer, slug, code);
    if (!found) return NextResponse.json({ error: `评价轮次 ${slug} 中没有单位 ${code}` }, { status: 404 });
    const { t, locale } = await getTranslator();
    const bytes = await scorecardPdf(found.reports, t, locale);
    const d = found.reports[0]!.department;
    return download(bytes, 'application/pdf', `scorecard-${asciiPart(found.round.slug)}-${asciiPart(d.code)}.pdf`, `${found.round.name}-${d.name}-评分表.pdf`);
  },
);
