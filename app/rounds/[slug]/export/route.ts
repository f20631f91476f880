import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { toCsv } from '@/lib/interchange/csv';
import { writeWorkbook } from '@/lib/interchange/xlsx';
import { can } from '@/lib/auth/roles';
import { guardRoute } from '@/app/lib/auth/guard';
import { fetchRoundScores } from '@/app/lib/data';
import { detailSheet, exportGroups, indicatorSheet, summaryCsvRows, summarySheet } from '@/app/lib/views/export';

export const dynamic = 'force-dynamic';

const Query = z.object({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
  group: z.string().max(100).optional(),
  /** An earlier publication's frozen figures. */
  publication: z.coerce.number().int().positive().optional(),
});

/** Browsers take the UTF-8 name; old clients fall back to the ASCII one. */
function attachment(asciiName: string, name: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** The round's scores as xlsx (汇总 / 明细 / 指标) or CSV (汇总, UTF-8 with BOM). */
export const GET = guardRoute<{ slug: string }, NextRequest>(
  (viewer) => can(viewer, 'round:export'),
  async (req, { viewer, params: { slug } }) => {
    const q = Query.safeParse(Object.fromEntries(req.nextUrl.searchParams));
    if (!q.success) return NextResponse.json({ error: '导出参数无效：format 只能是 xlsx 或 csv' }, { status: 400 });
    const rs = await fetchRoundScores(viewer, slug, q.data.publication);
    if (!rs) return NextResponse.json({ error: `没有评价轮次 ${slug}` }, { status: 404 });

    const groups = exportGroups(rs, q.data.group);
    const summary = summarySheet(rs, groups);
    const label = `${groups.length === 1 ? `-${groups[0]}` : ''}${rs.publication ? `-第${rs.publication.number}次发布` : ''}`;
    const base = `${rs.round.name}${label}-得分`;
    const ascii = `scores-${rs.round.slug}`.replace(/[^A-Za-z0-9_-]/g, '_');

    if (q.data.format === 'csv') {
      const { header, rows } = summaryCsvRows(summary);
      return new NextResponse(toCsv(header, rows), {
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': attachment(`${ascii}.csv`, `${base}.csv`),
          'cache-control': 'no-store',
        },
      });
    }
    const buffer = await writeWorkbook([summary, detailSheet(rs, groups), indicatorSheet(rs, groups)]);
    return new NextResponse(new Uint8Array(buffer), {
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': attachment(`${ascii}.xlsx`, `${base}.xlsx`),
        'cache-control': 'no-store',
      },
    });
  },
);
