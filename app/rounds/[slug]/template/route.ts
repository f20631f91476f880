import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { can } from '@/lib/auth/roles';
import { guardRoute } from '@/app/lib/auth/guard';
import { fetchTemplate } from '@/app/lib/data';

export const dynamic = 'force-dynamic';

const Query = z.object({ data: z.enum(['0', '1']).default('0') });

/**
 * 下载填报模板: the round's xlsx template (the bureau: every enrolled unit; a department: its own
 * row), or with `?data=1` the current figures (a department: its own submission).
 */
export const GET = guardRoute<{ slug: string }, NextRequest>(
  (viewer) => can(viewer, 'round:import') || (viewer.departmentCode !== null && can(viewer, 'submission:edit', { departmentCode: viewer.departmentCode })),
  async (req, { viewer, params: { slug } }) => {
    const q = Query.safeParse(Object.fromEntries(req.nextUrl.searchParams));
    if (!q.success) return NextResponse.json({ error: '参数无效：data 只能是 0 或 1' }, { status: 400 });
    const file = await fetchTemplate(viewer, slug, q.data.data === '1');
    if (!file) return NextResponse.json({ error: `没有评价轮次 ${slug}，或您不在其中` }, { status: 404 });
    const who = viewer.departmentCode && !can(viewer, 'round:import') ? `-${viewer.departmentCode}` : '';
    const kind = q.data.data === '1' ? '填报数据' : '填报模板';
    const name = `${file.round.name}${who}-${kind}.xlsx`;
    const ascii = `${q.data.data === '1' ? 'submission' : 'template'}-${file.round.slug}${who}`.replace(/[^A-Za-z0-9_-]/g, '_');
    return new NextResponse(new Uint8Array(file.buffer), {
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="${ascii}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
        'cache-control': 'no-store',
      },
    });
  },
);
