import JSZip from 'jszip';
import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { getTranslator } from '@/app/i18n/server';
import { can } from '@/lib/auth/roles';
import { guardRoute } from '@/app/lib/auth/guard';
import { fetchScorecards } from '@/app/lib/data';
import { asciiPart, download } from '@/app/lib/download';
import { scorecardPdf } from '@/app/lib/reports/scorecard-pdf';

export const dynamic = 'force-dynamic';

const Query = z.object({
  format: z.enum(['pdf', 'zip']).default('pdf'),
  /** An earlier publication's frozen figures. */
  publication: z.coerce.number().int().positive().optional(),
});

/** Every 评分表 of a round: one PDF, or a zip of one PDF per department. The bureau and leaders. */
export const GET = guardRoute<{ slug: string }, NextRequest>(
  (viewer) => can(viewer, 'round:export'),
  async (req, { viewer, params: { slug } }) => {
    const q = Query.safeParse(Object.fromEntries(req.nextUrl.searchParams));
    if (!q.success) return NextResponse.json({ error: '参数无效：format 只能是 pdf 或 zip' }, { status: 400 });
    const found = await fetchScorecards(viewer, slug, undefined, q.data.publication);
    if (!found) return NextResponse.json({ error: `没有评价轮次 ${slug}，或该轮次没有单位` }, { status: 404 });
    const { t, locale } = await getTranslator();
    const base = `${found.round.name}-评分表`;
    const ascii = `scorecards-${asciiPart(found.round.slug)}`;
    if (q.data.format === 'pdf') return download(await scorecardPdf(found.reports, t, locale), 'application/pdf', `${ascii}.pdf`, `${base}.pdf`);
    // PDFs are compressed already: stored, not deflated again.
    const zip = new JSZip();
    for (const r of found.reports) {
      const d = r.department;
      zip.file(`${d.group}-${String(d.rank).padStart(3, '0')}-${d.code}-${d.name}.pdf`.replace(/[\\/:*?"<>|]/g, '_'), await scorecardPdf([r], t, locale));
    }
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'STORE' });
    return download(bytes, 'application/zip', `${ascii}.zip`, `${base}.zip`);
  },
);
