import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMissingAccounts, enrolFromFile, enrolFromMaster, enrolFromRound, moveDepartment } from '@/app/lib/services/enrolment';
import { auditLog, groups, rounds } from '@/db/schema';
import { listMembers } from '@/db/enrolment';
import { importCohort } from '@/db/import';
import { importFile } from '@/db/import-file';
import { getRoundScores, listRounds } from '@/db/queries';
import { listGroups } from '@/db/round-setup';
import { createRound, declareGroups } from '@/app/lib/services/rounds';
import { login } from '@/db/login';
import { databaseState, expectOk, mixedCohort, seedCohort } from '@/db/__tests__/fixtures';
import { toCsv } from '@/lib/interchange/csv';
import { departmentToRow, tableColumns } from '@/lib/interchange/table';
import { buildTemplate } from '@/lib/interchange/xlsx';
import { BUILTIN_SYSTEM_DOCUMENTS, builtinSystem, parseCohort } from '@/lib/scoring';
import type { Viewer } from '@/lib/auth/roles';
import { account, backends, openTestDb, type TestDb } from '@/tests/auth/db-helpers';

const system = builtinSystem('julu-2021')!;

describe.each(backends)('setting up a round in the browser on %s', (backend) => {
  let t: TestDb;
  let admin: Viewer;
  let leader: Viewer;
  beforeAll(async () => {
    t = await openTestDb(backend);
    expectOk(await importCohort({ roundSlug: '2021', system: 'julu-2021', source: { kind: 'cohort', json: mixedCohort(8) }, actor: 'bureau' }, t.db));
    admin = await account(t.db, 'admin', 'admin');
    leader = await account(t.db, 'leader', 'leader');
  });
  afterAll(() => t.close());

  const newRound = (slug: string, extra: Partial<Parameters<typeof createRound>[1]> = {}) =>
    createRound(admin, { slug, name: `${slug}年度部门整体支出绩效评价`, year: 2022, system: { builtin: 'julu-2021' }, groups: ['乡镇', '县直部门'], panelRule: 'mean', ...extra }, {}, t.db);

  describe('a new round', () => {
    it('is created collecting, with its system version, policy, groups, deadline and panel rule, and audited', async () => {
      expect(await newRound('2022', { deadline: '2023-03-31', spreadThreshold: '2' })).toMatchObject({ ok: true, slug: '2022' });
      const r = (await listRounds(t.db)).find((x) => x.slug === '2022')!;
      expect(r).toMatchObject({ status: 'collecting', systemId: 'julu-2021', policy: 'cohort-in-band', panelRule: 'mean', spreadThreshold: '2.00', departmentCount: 0 });
      expect(r.deadline!.toISOString()).toBe('2023-03-31T15:59:59.000Z');
      expect(await listGroups(r.id, t.db)).toEqual(['乡镇', '县直部门']);
      const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'round.create'));
      expect(entry).toMatchObject({ actor: 'admin', roundSlug: '2022', after: { groups: ['乡镇', '县直部门'], system: 'julu-2021' } });
    });

    it('refuses an uploaded system with errors that name the node, and a leader; creates nothing', async () => {
      const before = await databaseState(t.db);
      const doc = structuredClone(BUILTIN_SYSTEM_DOCUMENTS['julu-2021']) as { indicators: { weight: number; code: string }[] };
      doc.indicators[0]!.weight = 11;
      const r = await newRound('bad', { system: { fileText: JSON.stringify(doc) } });
      expect(r).toMatchObject({ ok: false, errors: expect.arrayContaining([expect.stringContaining(doc.indicators[0]!.code)]) });
      expect(await newRound('x', { system: { fileText: '{"format": ' } })).toMatchObject({ ok: false, errors: [expect.stringContaining('不是有效的 JSON')] });
      expect(await createRound(leader, { slug: 'y', name: 'y', year: 2022, system: { builtin: 'julu-2021' }, groups: ['乡镇'], panelRule: 'mean' }, {}, t.db)).toMatchObject({ ok: false });
      expect(await newRound('2022')).toMatchObject({ ok: false, message: expect.stringContaining('已被使用') });
      expect(await newRound('bad slug')).toMatchObject({ ok: false, message: expect.stringContaining('轮次标识') });
      expect(await newRound('nogroups', { groups: [] })).toMatchObject({ ok: false, message: expect.stringContaining('至少声明一个分组') });
      expect(await databaseState(t.db)).toEqual(before);
    });

    it('keeps an uploaded system’s warnings in its audit entry', async () => {
      const doc = structuredClone(BUILTIN_SYSTEM_DOCUMENTS['julu-2021']) as Record<string, unknown>;
      doc.id = 'julu-warned';
      const r = await newRound('2022w', { system: { fileText: JSON.stringify(doc) } });
      expect(r).toMatchObject({ ok: true });
      const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'round.create'), eq(auditLog.roundSlug, '2022w')));
      // julu-2021's 资产管理完整性 (weight 2, tiers to 3) is the spec's own warning.
      expect((entry!.after as { warnings: string[] }).warnings).toEqual([expect.stringContaining('asset_integrity')]);
    });
  });

  describe('enrolling departments', () => {
    it('copies an earlier round’s departments with their groups', async () => {
      expect(await enrolFromRound(admin, '2022', '2021', {}, t.db)).toMatchObject({ ok: true, message: '已登记 9 个单位' });
      const r = (await listRounds(t.db)).find((x) => x.slug === '2022')!;
      const members = await listMembers(r.id, t.db);
      const source = (await listMembers((await listRounds(t.db)).find((x) => x.slug === '2021')!.id, t.db)).map((m) => [m.code, m.group]);
      expect(members.map((m) => [m.code, m.group])).toEqual(source);
      // Again: nothing new, nobody moved.
      expect(await enrolFromRound(admin, '2022', '2021', {}, t.db)).toMatchObject({ ok: true, added: [], kept: expect.arrayContaining(['xiaolvzhai']) });
    });

    it('refuses an uploaded list with every bad row named — unsafe codes, undeclared groups, missing names, repeats — and enrols none', async () => {
      const before = await databaseState(t.db);
      const csv = toCsv(['单位代码', '单位名称', '分组'], [
        ['101001', '县财政局', '县直部门'],
        ['单位 1', '某单位', '乡镇'],
        ['101002', '某镇', '乡镇街道'],
        ['101003', '', '乡镇'],
        ['101001', '县财政局', '县直部门'],
      ]);
      const r = await enrolFromFile(admin, '2022', 'list.csv', Buffer.from(csv), {}, t.db);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.problems!.map((p) => p.message)).toEqual([
        expect.stringMatching(/^第 3 行：单位代码“单位 1”无效/),
        '第 4 行：分组“乡镇街道”未在本轮声明（已声明：乡镇、县直部门）。是不是“乡镇”？',
        '第 5 行：新单位 101003 须填写单位名称',
        '第 6 行：单位代码 101001 重复（与第 2 行）',
      ]);
      expect(await databaseState(t.db)).toEqual(before);
    });

    it('enrols a valid list, creating new departments in the master list', async () => {
      const csv = toCsv(['code', 'name', 'group'], [
        ['101001', '县财政局', '县直部门'],
        ['101002', '某镇', '乡镇'],
      ]);
      expect(await enrolFromFile(admin, '2022', 'list.csv', Buffer.from(csv), {}, t.db)).toMatchObject({ ok: true, added: ['101001', '101002'] });
    });

    it('picks from the master list into a declared group', async () => {
      expectOk(await importCohort({ roundSlug: '2020', system: 'julu-2021', source: { kind: 'cohort', json: { ...seedCohort, departments: [{ ...seedCohort.departments[0], code: 'old-unit', name: '旧单位' }] } }, actor: 'bureau' }, t.db));
      expect(await enrolFromMaster(admin, '2022', ['old-unit'], '县直', {}, t.db)).toMatchObject({ ok: false, message: expect.stringContaining('是不是“县直部门”？') });
      expect(await enrolFromMaster(admin, '2022', ['old-unit'], '县直部门', {}, t.db)).toMatchObject({ ok: true, added: ['old-unit'] });
    });
  });

  describe('groups are declared, never guessed', () => {
    it('an import naming an undeclared group is refused with the cell and “did you mean”', async () => {
      const before = await databaseState(t.db);
      const parsed = parseCohort(mixedCohort(2), system);
      if (!parsed.ok) throw new Error('fixture');
      const rows = parsed.cohort.departments.map((d) => departmentToRow(d));
      rows[1]!.group = '乡镇街道';
      const columns = tableColumns(system);
      const groupColumn = String.fromCharCode(65 + columns.findIndex((c) => c.key === 'group'));
      const csv = toCsv(columns.map((c) => c.key), rows.map((r) => columns.map((c) => r[c.key] ?? '')));
      const r = await importFile({ roundSlug: '2021', fileName: 'x.csv', buffer: Buffer.from(csv), actor: 'admin' }, t.db);
      expect(r).toMatchObject({
        ok: false,
        problems: [{ row: 3, column: groupColumn, department: rows[1]!.code, field: 'group', message: '分组“乡镇街道”未在本轮声明（已声明：乡镇、县直部门）。是不是“乡镇”？' }],
      });
      // The same from the xlsx template: the sheet too.
      const xlsx = await buildTemplate(system, { slug: '2021', name: '2021', year: 2021 }, rows);
      const x = await importFile({ roundSlug: '2021', fileName: 'x.xlsx', buffer: xlsx, actor: 'admin' }, t.db);
      expect(x).toMatchObject({ ok: false, problems: [{ sheet: '填报', row: 4, column: groupColumn, message: expect.stringContaining('是不是“乡镇”？') }] });
      expect(await databaseState(t.db)).toEqual(before);
      expect((await t.db.select().from(groups).innerJoin(rounds, eq(rounds.id, groups.roundId)).where(eq(rounds.slug, '2021'))).map((g) => g.groups.name).sort()).toEqual(['乡镇', '县直部门']);
    });

    it('every problem in one pass: a missing column, a bad cell and an undeclared group are reported together, each with its place', async () => {
      const before = await databaseState(t.db);
      const parsed = parseCohort(mixedCohort(2), system);
      if (!parsed.ok) throw new Error('fixture');
      const rows = parsed.cohort.departments.map((d) => departmentToRow(d));
      rows[0]!.budget = '18.8841.4';
      rows[2]!.group = '县直';
      const columns = tableColumns(system).filter((c) => c.key !== 'carryover');
      const csv = toCsv(columns.map((c) => c.key), rows.map((r) => columns.map((c) => r[c.key] ?? '')));
      const r = await importFile({ roundSlug: '2021', fileName: 'x.csv', buffer: Buffer.from(csv), actor: 'admin' }, t.db);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      const fields = r.problems.map((p) => p.field);
      expect(fields).toContain('carryover');
      expect(r.problems).toContainEqual(expect.objectContaining({ row: 2, field: 'budget' }));
      expect(r.problems).toContainEqual(expect.objectContaining({ row: 4, field: 'group', message: expect.stringContaining('是不是“县直部门”？') }));
      expect(await databaseState(t.db)).toEqual(before);
    });

    it('an import never moves a department: another group is refused, an empty one keeps its group', async () => {
      const moved = structuredClone(seedCohort);
      (moved.departments[0] as { group: string }).group = '县直部门';
      expect(await importCohort({ roundSlug: '2021', source: { kind: 'cohort', json: moved }, actor: 'admin' }, t.db)).toMatchObject({
        ok: false,
        problems: [{ department: 'xiaolvzhai', message: expect.stringContaining('调整分组须由管理员') }],
      });
      const blank = structuredClone(seedCohort);
      delete (blank.departments[0] as { group?: string }).group;
      expectOk(await importCohort({ roundSlug: '2021', source: { kind: 'cohort', json: blank }, actor: 'admin' }, t.db));
      expect((await getRoundScores('2021', {}, t.db))!.scores.departments.find((d) => d.code === 'xiaolvzhai')!.group).toBe('乡镇');
    });

    it('moving a department is an admin action with a reason, audited, and the scoring follows', async () => {
      expect(await moveDepartment(admin, '2021', 'xiaolvzhai', '县直部门', ' ', {}, t.db)).toMatchObject({ ok: false, message: '调整分组须写明理由' });
      expect(await moveDepartment(admin, '2021', 'xiaolvzhai', '城关', '撤乡设镇', {}, t.db)).toMatchObject({ ok: false, message: expect.stringContaining('未在本轮声明') });
      expect(await moveDepartment(leader, '2021', 'xiaolvzhai', '县直部门', '撤乡设镇', {}, t.db)).toMatchObject({ ok: false });
      expect(await moveDepartment(admin, '2021', 'xiaolvzhai', '县直部门', '职能调整', {}, t.db)).toMatchObject({ ok: true });
      expect((await getRoundScores('2021', {}, t.db))!.scores.departments.find((d) => d.code === 'xiaolvzhai')!.group).toBe('县直部门');
      const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'round.group_move'));
      expect(entry).toMatchObject({ actor: 'admin', departmentCode: 'xiaolvzhai', before: { group: '乡镇' }, after: { group: '县直部门', reason: '职能调整' } });
      expect(await moveDepartment(admin, '2021', 'xiaolvzhai', '乡镇', '恢复', {}, t.db)).toMatchObject({ ok: true });
    });

    it('more groups can be declared; a declared group is kept', async () => {
      expect(await declareGroups(admin, '2022', ['开发区', '乡镇'], {}, t.db)).toMatchObject({ ok: true, message: '已声明分组：开发区' });
      expect(await listGroups((await listRounds(t.db)).find((x) => x.slug === '2022')!.id, t.db)).toEqual(['乡镇', '县直部门', '开发区'].sort());
    });
  });

  describe('create missing accounts', () => {
    it('makes one account per department without one, shows each password once, and they sign in', async () => {
      await account(t.db, 'xiaolvzhai', 'department', 'xiaolvzhai');
      const r = await createMissingAccounts(admin, '2022', {}, t.db);
      if (!r.ok) throw new Error(r.message);
      const members = await listMembers((await listRounds(t.db)).find((x) => x.slug === '2022')!.id, t.db);
      expect(r.created.map((a) => a.code).sort()).toEqual(members.map((m) => m.code).filter((c) => c !== 'xiaolvzhai').sort());
      const first = r.created[0]!;
      expect(first.username).toBe(first.code.toLowerCase());
      expect((await login({ username: first.username, password: first.password, address: '10.99.0.1' }, new Date(), t.db)).ok).toBe(true);
      expect(await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'user.create'), eq(auditLog.roundSlug, '2022')))).toHaveLength(r.created.length);
      // Nothing is left to create, and no password is shown again.
      expect(await createMissingAccounts(admin, '2022', {}, t.db)).toEqual({ ok: true, created: [], message: '本轮每个单位都已有账号' });
      expect(await createMissingAccounts(leader, '2022', {}, t.db)).toMatchObject({ ok: false });
    });
  });
});
