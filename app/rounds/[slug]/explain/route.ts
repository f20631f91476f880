import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { fetchExplanation } from '@/app/lib/data';

export const dynamic = 'force-dynamic';

const Query = z.object({ department: z.string().min(1).max(100), indicator: z.string().min(1).max(100) });

/** One cell's explanation, fetched when the heat table's dialog opens (a round can have 2,000 × 23 of them). */
export async function GET(req: NextRequest, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const q = Query.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!q.success) return NextResponse.json({ error: '需要 department 和 indicator 参数' }, { status: 400 });
  const view = await fetchExplanation(slug, q.data.department, q.data.indicator);
  if (!view) return NextResponse.json({ error: `轮次 ${slug} 中没有单位 ${q.data.department} 的指标 ${q.data.indicator}` }, { status: 404 });
  return NextResponse.json(view, { headers: { 'cache-control': 'no-store' } });
}
