import { count, eq, sql } from 'drizzle-orm';
import { hashPassword } from '@/lib/auth/password';
import type { Role } from '@/lib/auth/roles';
import { writeAudit } from './audit';
import type { Db } from './client';
import { departments } from './schema';
import { users } from './schema-auth';

/**
 * The demo start's accounts, one per role, with the passwords the README lists. They exist only
 * under SCORECARD_DEMO=1 and only when the database has no account at all.
 */
export const DEMO_ACCOUNTS: readonly { username: string; password: string; role: Role; department?: string }[] = [
  { username: 'admin', password: 'demo-caizheng-2021', role: 'admin' },
  { username: 'leader', password: 'demo-lingdao-2021', role: 'leader' },
  { username: 'xiaolvzhai', password: 'demo-bumen-2021', role: 'department', department: 'xiaolvzhai' },
];

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
      await writeAudit(tx, { id: null, name: 'demo' }, {
        action: 'user.create',
        targetUser: { id: u!.id, username: a.username },
        ...(departmentId && a.department ? { department: { id: departmentId, code: a.department } } : {}),
        after: { username: a.username, role: a.role, department: a.department ?? null },
      });
      created++;
    }
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
