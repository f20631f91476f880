import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departmentView } from '@/app/lib/views/department';
import { heatView } from '@/app/lib/views/heat';
import { indicatorView } from '@/app/lib/views/indicator';
import { rankingsView } from '@/app/lib/views/rankings';
import { groupsOf } from '@/app/lib/views/round';
import type { Viewer } from '@/lib/auth/roles';
import { scoresToJson } from '@/lib/scoring';
import { listAudit } from '../audit';
import { backupTables, restoreBackup, writeBackup } from '../backup';
import type { Db } from '../client';
import { seedDemo } from '../demo';
import { ensureFirstAccounts } from '../first-accounts';
import { evaluateAsBureau } from '@/app/lib/services/evaluation';
import { publishRound, unpublishRound } from '@/app/lib/services/rounds';
import { getDepartmentHistory, getPublishedScores, getRoundScores, listRounds, listSubmissionVersions } from '../queries';
import { acceptSubmission, returnSubmission } from '@/app/lib/services/review';
import { auditLog, users } from '../schema';
import { loadSubmissionForm, saveSubmission } from '@/app/lib/services/submission';
import { loadViewer } from '../users';
import { main as backupMain } from '@/scripts/cli/backup';
import { main as restoreMain } from '@/scripts/cli/restore';
import { runMain } from '@/tests/cli/run';
import { backends, openTestDb, TEST_DATABASE_URL, type Backend, type TestDb } from './setup';

/** The demo data after a whole review cycle: drafts, returns with comments, acceptance, an evaluation, a publication withdrawn and published again. */
async function demoAfterReview(db: Db): Promise<void> {
  await seedDemo(db);
  await ensureFirstAccounts(db, { demo: true, announce: false });
  const viewer = async (username: string): Promise<Viewer> => {
    const [u] = await db.select({ id: users.id }).from(users).where(sql`${users.username} = ${username}`);
    return (await loadViewer(db, u!.id))!;
  };
  const admin = await viewer('admin');
  const dept = await viewer('xiaolvzhai');
  const expectOk = (r: { ok: boolean; message?: string }) => expect(r, r.message).toMatchObject({ ok: true });
  const form = async () => (await loadSubmissionForm(dept, '2021', 'xiaolvzhai', db))!;
  // A submission carries every self-score: the seed's five lost cells, as the department would type them.
  const lost = { 'self.staff_control': '1', 'self.budget_adjustment': '0', 'self.fund_compliance': '8', 'self.asset_integrity': '2', 'self.economic_benefit': '4' };

  let f = await form();
  expectOk(await saveSubmission(dept, { slug: '2021', code: 'xiaolvzhai', baseVersion: f.version, cells: { ...f.values, budget: '1050.1' }, submit: false }, { address: '10.0.0.7' }, db));
  f = await form();
  expectOk(await saveSubmission(dept, { slug: '2021', code: 'xiaolvzhai', baseVersion: f.version, cells: { ...f.values, ...lost }, submit: true }, {}, db));
  f = await form();
  expectOk(await returnSubmission(admin, { slug: '2021', code: 'xiaolvzhai', baseVersion: f.version, comment: '预算数与批复不符，请核对' }, {}, db));
  f = await form();
  expectOk(await saveSubmission(dept, { slug: '2021', code: 'xiaolvzhai', baseVersion: f.version, cells: { ...f.values, ...lost, budget: '1049.6' }, submit: true }, {}, db));
  f = await form();
  expectOk(await acceptSubmission(admin, { slug: '2021', code: 'xiaolvzhai', baseVersion: f.version, comment: '已核对' }, {}, db));
  expectOk(await evaluateAsBureau(admin, { slug: '2021', code: 'demo-dicun', scores: { economic_benefit: { score: '3.5', comment: '佐证材料不足' } } }, {}, db));
  expectOk(await unpublishRound(admin, '2020', '补录一个单位', {}, db));
  expectOk(await publishRound(admin, '2020', {}, db));
}

async function dump(db: Db): Promise<string[]> {
  const lines: string[] = [];
  await writeBackup(db, async (line) => void lines.push(line));
  return lines;
}

async function* each(lines: string[]): AsyncIterable<string> {
  yield* lines;
}

/** Every line but the header's moment of writing. */
const content = (lines: string[]) => [JSON.stringify({ ...JSON.parse(lines[0]!), created_at: null }), ...lines.slice(1)];

/** What the pages of every round show, as the views compute it from the database. */
async function pagesData(db: Db) {
  const out: Record<string, unknown> = {};
  for (const r of await listRounds(db)) {
    const rs = (await getRoundScores(r.slug, {}, db))!;
    out[`${r.slug}:scores`] = scoresToJson(rs.scores, { explain: true });
    const published = await getPublishedScores(r.slug, undefined, db);
    out[`${r.slug}:published`] = published ? scoresToJson(published.scores, { explain: true }) : null;
    for (const g of groupsOf(rs)) {
      out[`${r.slug}:${g}:rankings`] = rankingsView(rs, g);
      out[`${r.slug}:${g}:heat`] = heatView(rs, g);
      out[`${r.slug}:${g}:indicator`] = indicatorView(rs, g, 'budget_adjustment');
    }
    for (const d of rs.departments) {
      out[`${r.slug}:${d.code}:page`] = departmentView(rs, d.code, await getDepartmentHistory(d.code, db));
      out[`${r.slug}:${d.code}:versions`] = await listSubmissionVersions(r.slug, d.code, db);
    }
  }
  out.audit = await listAudit({}, db);
  return JSON.parse(JSON.stringify(out));
}

describe.each(backends)('backup and restore on %s', (backend: Backend) => {
  let source: TestDb;
  let lines: string[];
  beforeAll(async () => {
    source = await openTestDb(backend);
    await demoAfterReview(source.db);
    lines = await dump(source.db);
  });
  afterAll(() => source?.close());

  it('covers every table of the migrated database, parents before children', async () => {
    const rows = await source.db.execute(sql`select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`);
    const inDb = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows).map((r) => (r as { t: string }).t).sort();
    const tables = backupTables();
    expect(tables.map((t) => t.name).sort()).toEqual(inDb);
    tables.forEach((t, i) => {
      for (const parent of t.references) expect(tables.findIndex((x) => x.name === parent)).toBeLessThan(i);
    });
  });

  it('restores the demo after a review cycle with every table identical row for row, and ids continuing', async () => {
    const header = JSON.parse(lines[0]!);
    const count = (name: string) => header.tables.find((t: { name: string }) => t.name === name).rows;
    // History, statuses, drafts, comments, adjustments, the audit log, snapshots, users: all there.
    expect(count('submissions')).toBeGreaterThan(40);
    expect(count('evaluations')).toBeGreaterThan(40);
    expect(count('publications')).toBe(2);
    expect(count('round_reviewers')).toBe(4);
    expect(count('audit_log')).toBeGreaterThan(8);
    expect(count('users')).toBeGreaterThanOrEqual(3);
    expect(lines.some((l) => l.includes('"status":"draft"') && l.includes('"created_by":"xiaolvzhai"'))).toBe(true);
    expect(lines.some((l) => l.includes('预算数与批复不符，请核对'))).toBe(true);
    expect(lines.some((l) => l.includes('"password_hash":"$argon2id$'))).toBe(true);
    expect(lines.some((l) => l.includes('demo-caizheng-2021'))).toBe(false);

    const target = await openTestDb(backend);
    try {
      expect(await restoreBackup(target.db, each(lines))).toMatchObject({ ok: true, rows: lines.length - 2 - header.tables.length });
      expect(content(await dump(target.db))).toEqual(content(lines));
      // A row added after the restore takes the next id, not one already used.
      const [last] = await target.db.select({ id: sql<number>`max(${auditLog.id})` }).from(auditLog);
      const [added] = await target.db.insert(auditLog).values({ actor: 'test', action: 'round.import' }).returning({ id: auditLog.id });
      expect(added!.id).toBe(Number(last!.id) + 1);
    } finally {
      await target.close();
    }
  });

  it('refuses a database holding data unless told to replace it, and then replaces it entirely', async () => {
    const target = await openTestDb(backend);
    try {
      await seedDemo(target.db);
      const before = content(await dump(target.db));
      const refused = await restoreBackup(target.db, each(lines));
      expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/数据库不是空的（.*rounds 2 行.*）.*--replace/) });
      expect(content(await dump(target.db))).toEqual(before);
      expect(await restoreBackup(target.db, each(lines), { replace: true })).toMatchObject({ ok: true });
      expect(content(await dump(target.db))).toEqual(content(lines));
    } finally {
      await target.close();
    }
  });

  it('npm run backup / restore: a gzipped file, refused into a database with data, then --replace', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecard-backup-'));
    const target = await openTestDb(backend);
    try {
      const file = path.join(dir, 'all.ndjson.gz');
      const b = await runMain(backupMain, ['--out', file], { db: source });
      expect(b).toMatchObject({ code: 0, stdout: expect.stringMatching(/^已备份 \d+ 个数据表、\d+ 行 → /) });
      expect(fs.readFileSync(file).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
      expect(fs.readdirSync(dir)).toEqual(['all.ndjson.gz']);
      expect(await runMain(restoreMain, ['--in', file], { db: target })).toMatchObject({ code: 0, stdout: expect.stringMatching(/^已恢复 \d+ 个数据表、\d+ 行\n$/) });
      expect(content(await dump(target.db))).toEqual(content(lines));
      const again = await runMain(restoreMain, ['--in', file], { db: target });
      expect(again).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^数据库不是空的（.*）；恢复会替换其中的全部数据，确需如此请加 --replace\n恢复未完成，数据库未作任何改动\n$/) });
      expect(await runMain(restoreMain, ['--in', file, '--replace'], { db: target })).toMatchObject({ code: 0 });
      const broken = path.join(dir, 'broken.gz');
      fs.writeFileSync(broken, fs.readFileSync(file).subarray(0, 200));
      const r = await runMain(restoreMain, ['--in', broken, '--replace'], { db: target });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/文件(不完整|已损坏)|gzip/);
      expect(content(await dump(target.db))).toEqual(content(lines));
    } finally {
      await target.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a truncated or foreign file and leaves the database as it was', async () => {
    const target = await openTestDb(backend);
    try {
      const cut = lines.slice(0, Math.floor(lines.length / 2));
      expect(await restoreBackup(target.db, each(cut))).toMatchObject({ ok: false, message: expect.stringContaining('文件不完整') });
      expect(await restoreBackup(target.db, each(['{"format":"something-else"}']))).toMatchObject({ ok: false, message: expect.stringContaining('不是本程序的备份文件') });
      const garbled = [...lines];
      garbled[5] = garbled[5]!.slice(0, 20);
      expect(await restoreBackup(target.db, each(garbled))).toMatchObject({ ok: false, message: expect.stringContaining('第 6 行') });
      const newer = [JSON.stringify({ ...JSON.parse(lines[0]!), migrations: [...JSON.parse(lines[0]!).migrations, '9999_future'] }), ...lines.slice(1)];
      expect(await restoreBackup(target.db, each(newer))).toMatchObject({ ok: false, message: expect.stringContaining('9999_future') });
      expect((await dump(target.db)).slice(1).every((l) => l.startsWith('{"table"') || l.startsWith('{"end"'))).toBe(true);
    } finally {
      await target.close();
    }
  });
});

describe.skipIf(!TEST_DATABASE_URL)('moving from PGlite to PostgreSQL', () => {
  it('a PGlite backup restored into PostgreSQL gives the same rows, scores and pages', async () => {
    const pglite = await openTestDb('pglite');
    const postgres = await openTestDb('postgres');
    try {
      await demoAfterReview(pglite.db);
      const lines = await dump(pglite.db);
      expect(await restoreBackup(postgres.db, each(lines))).toMatchObject({ ok: true });
      expect(content(await dump(postgres.db))).toEqual(content(lines));
      expect(await pagesData(postgres.db)).toEqual(await pagesData(pglite.db));
    } finally {
      await pglite.close();
      await postgres.close();
    }
  });
});
