import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { toCsv } from '@/lib/interchange/csv';
import { writeWorkbook } from '@/lib/interchange/xlsx';
import { can } from '@/lib/auth/roles';
import { guardRoute } from '@/app/lib/auth/guard';
import { fetchRoundExport } from '@/app/lib/data';
import { attachment } from '@/app/lib/download';
import { detailSheet, exportGroups, indicatorSheet, summaryCsvRows, summarySheet } from '@/app/lib/views/export';

export const dynamic = 'force-dynamic';

const Query = z.object({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
  group: z.string().max(100).optional(),
  /** An earlier publication's frozen figures. */
  publication: z.coerce.number().int().positive().optional(),
});

/**
 * The round's scores as xlsx (汇总 / 明细 / 指标, then 填报 and 说明: the inputs scored, in the
 * template's form, so the file imports back with identical scores) or CSV (汇总, UTF-8 with BOM).
 */
export const GET = guardRoute<{ slug: string }, NextRequest>(
  (viewer) => can(viewer, 'round:export'),
  async (req, { viewer, params: { slug } }) => {
    const q = Query.safeParse(Object.fromEntries(req.nextUrl.searchParams));
    if (!q.success) return NextResponse.json({ error: '导出参数无效：format 只能是 xlsx 或 csv' }, { status: 400 });
    const found = await fetchRoundExport(viewer, slug, q.data.publication);
    if (!found) return NextResponse.json({ error: `没有评价轮次 ${slug}` }, { status: 404 });
    const { rs, moves } = found;

    const groups = exportGroups(rs, q.data.group);
    const summary = summarySheet(rs, groups, moves);
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
    const inputs = found.inputs.filter((r) => groups.includes(r.group ?? ''));
    const buffer = await writeWorkbook([summary, detailSheet(rs, groups), indicatorSheet(rs, groups)], { system: rs.system, round: rs.round, rows: inputs });
    return new NextResponse(new Uint8Array(buffer), {
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': attachment(`${ascii}.xlsx`, `${base}.xlsx`),
        'cache-control': 'no-store',
      },
    });
  },
);
