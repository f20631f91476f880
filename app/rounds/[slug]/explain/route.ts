import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { can } from '@/lib/auth/roles';
import { guardRoute } from '@/app/lib/auth/guard';
import { fetchExplanation } from '@/app/lib/data';

export const dynamic = 'force-dynamic';

const Query = z.object({ department: z.string().min(1).max(100), indicator: z.string().min(1).max(100) });

/** One cell's explanation, fetched when the heat table's dialog opens (a round can have 2,000 × 23 of them). */
export const GET = guardRoute<{ slug: string }, NextRequest>(
  // A department may open the explanations of its own scores only.
  (viewer, req) => can(viewer, 'department:view', { departmentCode: req.nextUrl.searchParams.get('department') ?? undefined }),
  async (req, { viewer, params: { slug } }) => {
    const q = Query.safeParse(Object.fromEntries(req.nextUrl.searchParams));
    if (!q.success) return NextResponse.json({ error: '需要 department 和 indicator 参数' }, { status: 400 });
    const view = await fetchExplanation(viewer, slug, q.data.department, q.data.indicator);
    if (!view) return NextResponse.json({ error: `轮次 ${slug} 中没有单位 ${q.data.department} 的指标 ${q.data.indicator}` }, { status: 404 });
    return NextResponse.json(view, { headers: { 'cache-control': 'no-store' } });
  },
);
