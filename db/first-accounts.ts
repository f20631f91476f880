import { count, eq, sql } from 'drizzle-orm';
import { hashPassword } from '@/lib/auth/password';
import { DEMO_ACCOUNTS, DEMO_JUDGEMENT_LEAVES, DEMO_PANEL } from '@/lib/demo/accounts';
import { D } from '@/lib/scoring';
import { writeAudit } from './audit';
import type { Db, Tx } from './client';
import { writeEvaluations } from './evaluations';
import { departments, roundReviewers, rounds } from './schema';
import { users } from './schema-auth';

/** Seeding the demo accounts and panel (lib/demo/accounts holds them), and the first-admin hint. */

async function seedDemoPanel(tx: Tx, ids: Map<string, number>): Promise<void> {
  const [round] = await tx.select({ id: rounds.id, slug: rounds.slug }).from(rounds).where(eq(rounds.slug, '2021'));
  if (!round) return;
  await tx.update(rounds).set({ spreadThreshold: '1.00' }).where(eq(rounds.id, round.id));
  for (const p of DEMO_PANEL) {
    const [d] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.code, p.department));
    const reviewerId = ids.get(p.reviewer);
    if (!d || !reviewerId) continue;
    await tx.insert(roundReviewers).values({ roundId: round.id, reviewerId, departmentId: d.id, createdBy: 'demo' });
    await writeAudit(tx, { id: null, name: 'demo' }, { action: 'round.reviewers', round, targetUser: { id: reviewerId, username: p.reviewer }, after: { assigned: [p.department] } });
    if (!p.scores) continue;
    const scores = p.scores.map((score, i) => ({ leaf: DEMO_JUDGEMENT_LEAVES[i]!, score: new D(score).toFixed(2), comment: p.comment }));
    const changes = await writeEvaluations(tx, round.id, d.id, reviewerId, scores, p.reviewer);
    await writeAudit(tx, { id: reviewerId, name: p.reviewer }, { action: 'evaluation.score', round, department: { id: d.id, code: p.department }, before: { evaluator: p.reviewer, values: changes.before }, after: { evaluator: p.reviewer, values: changes.after } });
  }
}

export { DEMO_ACCOUNTS };

export const FIRST_ADMIN_HINT =
  '尚无任何账号。请在服务器上新增第一个财政局管理员：npm run user -- add --role admin --username <用户名>（密码在提示时输入，或自动生成并只显示一次）';

const ACCOUNTS_LOCK = 7_202_105;

/** Creates the demo accounts if asked and none exist. Returns how many were created. */
export async function seedDemoAccounts(db: Db): Promise<number> {
  const hashes = await Promise.all(DEMO_ACCOUNTS.map((a) => hashPassword(a.password)));
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${ACCOUNTS_LOCK})`);
    const [row] = await tx.select({ n: count() }).from(users);
    if ((row?.n ?? 0) > 0) return 0;
    let created = 0;
    const ids = new Map<string, number>();
    for (const [i, a] of DEMO_ACCOUNTS.entries()) {
      let departmentId: number | null = null;
      if (a.department) {
        const [d] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.code, a.department));
        if (!d) continue; // the demo data was not seeded into this database
        departmentId = d.id;
      }
      const [u] = await tx
        .insert(users)
        .values({ username: a.username, passwordHash: hashes[i]!, role: a.role, departmentId, createdBy: 'demo' })
        .returning({ id: users.id });
      ids.set(a.username, u!.id);
      await writeAudit(tx, { id: null, name: 'demo' }, {
        action: 'user.create',
        targetUser: { id: u!.id, username: a.username },
        ...(departmentId && a.department ? { department: { id: departmentId, code: a.department } } : {}),
        after: { username: a.username, role: a.role, department: a.department ?? null },
      });
      created++;
    }
    await seedDemoPanel(tx, ids);
    return created;
  });
}

/**
 * At start: the demo gets its accounts; a production database gets none, and when it has none
 * the app's log says how to add the first admin (`announce`: the app server, not a CLI command,
 * whose own output should stay about its job).
 */
export async function ensureFirstAccounts(db: Db, opts: { demo: boolean; announce: boolean; log?: (line: string) => void }): Promise<void> {
  const log = opts.announce ? (opts.log ?? ((line: string) => console.warn(line))) : () => {};
  if (opts.demo) {
    const n = await seedDemoAccounts(db);
    if (n > 0) log(`示例模式：已创建 ${n} 个示例账号（${DEMO_ACCOUNTS.map((a) => a.username).join('、')}），密码见 README`);
    return;
  }
  const [row] = await db.select({ n: count() }).from(users);
  if ((row?.n ?? 0) === 0) log(FIRST_ADMIN_HINT);
}
