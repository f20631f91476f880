import { count, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { DEMO_ROUNDS, DEMO_SYSTEM, demoCohorts, demoCorrection } from '@/lib/demo/cohorts';
import { importCohort } from './import';
import { publish } from './publication';
import { rounds } from './schema';

export const DEMO_ACTOR = 'demo';
const DEMO_LOCK = 7_202_104;

/**
 * Fills an empty database with the demo rounds (2020 and 2021) through the ordinary import, so the
 * demo exercises the same path as real data: 2020 accepted and published (its pages read the
 * frozen snapshot), 2021 still collecting. A database that holds any round is left alone.
 * Returns whether anything was added.
 */
export async function seedDemo(db: Db): Promise<boolean> {
  return db.transaction(async (tx: Tx) => {
    // Two app processes starting together on one server must not both seed.
    await tx.execute(sql`select pg_advisory_xact_lock(${DEMO_LOCK})`);
    const [row] = await tx.select({ n: count() }).from(rounds);
    if ((row?.n ?? 0) > 0) return false;
    const { cohorts } = demoCohorts();
    for (const r of DEMO_ROUNDS) {
      const published = r.slug === '2020';
      const result = await importCohort(
        {
          roundSlug: r.slug,
          system: DEMO_SYSTEM,
          source: { kind: 'cohort', json: cohorts[r.slug] },
          actor: DEMO_ACTOR,
          fileName: `demo-${r.slug}.json`,
          ...(published ? { status: 'accepted' as const } : {}),
        },
        tx,
      );
      if (!result.ok) throw new Error(`示例数据导入失败：${result.problems.map((p) => p.message).join('；')}`);
      if (published) {
        await tx.update(rounds).set({ status: 'reviewing' }).where(eq(rounds.slug, r.slug));
        const p = await publish(tx, r.slug, { id: null, name: DEMO_ACTOR });
        if (!p.ok) throw new Error(`示例数据发布失败：${p.message}`);
      }
    }
    const fix = await importCohort(
      { roundSlug: '2021', source: { kind: 'cohort', json: demoCorrection(cohorts['2021']) }, actor: DEMO_ACTOR, fileName: 'demo-2021-correction.json' },
      tx,
    );
    if (!fix.ok) throw new Error(`示例数据导入失败：${fix.problems.map((p) => p.message).join('；')}`);
    return true;
  });
}
