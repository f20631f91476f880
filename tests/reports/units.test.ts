import { count, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '@/db/audit';
import { seedDemo } from '@/db/demo';
import { importCohort } from '@/db/import';
import { listEarlierCodes, listLinks } from '@/db/links';
import { publish } from '@/db/publication';
import { getPublishedScores, getRoundScores } from '@/db/queries';
import { getPreviousRound, getTrend } from '@/db/report-data';
import { departmentLinks, rounds } from '@/db/schema';
import { DEFAULT_BUREAU_NAME, getBureauName } from '@/db/settings';
import { demoCohorts } from '@/lib/demo/cohorts';
import type { Viewer } from '@/lib/auth/roles';
import { codeLineage, movements } from '@/lib/stats/movement';
import { linkCodes, setBureauName, unlinkCodes } from '@/app/lib/services/units';
import { standingsOf } from '@/app/lib/views/standing';
import { account, backends, openTestDb, type TestDb } from '@/tests/auth/db-helpers';

describe.each(backends)('reports data on %s', (backend) => {
  let t: TestDb;
  let admin: Viewer;
  let leader: Viewer;
  beforeAll(async () => {
    t = await openTestDb(backend);
    await seedDemo(t.db);
    admin = await account(t.db, 'bureau', 'admin');
    leader = await account(t.db, 'boss', 'leader');
    // 2022, published: 官亭镇 re-coded, everyone else as in 2021 (still collecting).
    const cohort = structuredClone(demoCohorts().cohorts['2021']) as { round: { name: string; year: number }; departments: { code: string }[] };
    cohort.round = { name: '2022年度部门整体支出绩效评价', year: 2022 };
    for (const d of cohort.departments) if (d.code === 'demo-guanting') d.code = 'guanting-2022';
    const r = await importCohort({ roundSlug: '2022', system: 'julu-2021', source: { kind: 'cohort', json: cohort }, actor: 'test', status: 'accepted' }, t.db);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    await t.db.update(rounds).set({ status: 'reviewing' }).where(eq(rounds.slug, '2022'));
    const p = await t.db.transaction((tx) => publish(tx, '2022', { id: null, name: 'test' }));
    if (!p.ok) throw new Error(p.message);
  });
  afterAll(async () => {
    await t?.close();
  });
  const linkCount = async () => (await t.db.select({ n: count() }).from(departmentLinks))[0]!.n;

  it('"last year" is the round of the nearest earlier year, published or not; the first round has none', async () => {
    expect(await getPreviousRound({ year: 2022 }, t.db)).toMatchObject({ slug: '2021', published: false });
    expect(await getPreviousRound({ year: 2021 }, t.db)).toMatchObject({ slug: '2020', published: true });
    expect(await getPreviousRound({ year: 2020 }, t.db)).toBeNull();
  });

  it('a unit’s trend holds each published round, as published: level-1 subtotals, grade, policy and system version', async () => {
    const trend = await getTrend(['demo-guanting'], t.db);
    // 2021 is still collecting: not history yet.
    expect(trend.map((e) => [e.year, e.published])).toEqual([[2020, true]]);
    const live = (await getPublishedScores('2020', undefined, t.db))!.scores.departments.find((d) => d.code === 'demo-guanting')!;
    const e = trend[0]!;
    expect(e).toMatchObject({ total: live.total.toFixed(2), grade: live.grade, rank: live.rank, policy: 'cohort-in-band', systemId: 'julu-2021', systemVersion: 1 });
    expect(Object.keys(e.level1).sort()).toEqual(e.level1Nodes.map((n) => n.code).sort());
    expect(e.level1Nodes.map((n) => e.level1[n.code])).toEqual(e.level1Nodes.map((n) => live.level1[n.code]!.toFixed(2)));
    expect(e.groupSize).toBe((await getPublishedScores('2020', undefined, t.db))!.scores.departments.filter((d) => d.group === live.group).length);
  });

  it('a re-coded unit is new until the bureau links it; then its movement and trend follow the earlier code', async () => {
    const now = (await getPublishedScores('2022', undefined, t.db))!;
    const before = (await getRoundScores('2021', {}, t.db))!;
    expect(movements(standingsOf(now.scores), standingsOf(before.scores), await listEarlierCodes(t.db)).get('guanting-2022')).toEqual({ kind: 'new' });

    expect(await linkCodes(admin, { code: 'guanting-2022', earlierCode: 'demo-guanting', reason: '机构改革后重新编码' }, {}, t.db)).toMatchObject({ ok: true });
    const earlierOf = await listEarlierCodes(t.db);
    expect(movements(standingsOf(now.scores), standingsOf(before.scores), earlierOf).get('guanting-2022')).toMatchObject({ kind: 'compared', previousCode: 'demo-guanting' });
    expect((await getTrend(codeLineage('guanting-2022', earlierOf), t.db)).map((e) => [e.year, e.code])).toEqual([
      [2020, 'demo-guanting'],
      [2022, 'guanting-2022'],
    ]);
    const audit = await listAudit({ action: 'department.link' }, t.db);
    expect(audit.rows[0]).toMatchObject({ actor: 'bureau', departmentCode: 'guanting-2022', after: { earlierCode: 'demo-guanting', reason: '机构改革后重新编码' } });
    expect((await listLinks(t.db)).map((l) => [l.code, l.earlierCode])).toEqual([['guanting-2022', 'demo-guanting']]);
  });

  it.each([
    ['a leader', () => leader, { code: 'demo-xiguocheng', earlierCode: 'demo-wanghuzhai', reason: 'x' }, /只有财政局管理员/],
    ['no reason', () => admin, { code: 'demo-xiguocheng', earlierCode: 'demo-wanghuzhai', reason: ' ' }, /须写明理由/],
    ['the same code', () => admin, { code: 'demo-xiguocheng', earlierCode: 'demo-xiguocheng', reason: 'x' }, /无需关联/],
    ['an unknown code', () => admin, { code: 'no-such', earlierCode: 'demo-wanghuzhai', reason: 'x' }, /没有代码为 no-such 的单位/],
    ['a second successor', () => admin, { code: 'demo-xiguocheng', earlierCode: 'demo-guanting', reason: 'x' }, /原代码 demo-guanting 已关联到 guanting-2022/],
    ['a circle', () => admin, { code: 'demo-guanting', earlierCode: 'guanting-2022', reason: 'x' }, /历史代码中已有 demo-guanting/],
  ])('refuses %s, writing nothing', async (_what, who, input, message) => {
    const before = await linkCount();
    const r = await linkCodes(who(), input, {}, t.db);
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(message) });
    expect(await linkCount()).toBe(before);
  });

  it('removing a link needs a reason, is audited and keeps the row', async () => {
    const [link] = await listLinks(t.db);
    expect(await unlinkCodes(admin, { id: link!.id, reason: '' }, {}, t.db)).toMatchObject({ ok: false });
    expect(await unlinkCodes(admin, { id: link!.id, reason: '关联有误' }, {}, t.db)).toMatchObject({ ok: true });
    expect(await unlinkCodes(admin, { id: link!.id, reason: '再来一次' }, {}, t.db)).toMatchObject({ ok: false, message: '没有这条关联，或已解除' });
    expect((await listEarlierCodes(t.db)).size).toBe(0);
    expect((await t.db.select({ n: count() }).from(departmentLinks).where(isNotNull(departmentLinks.removedAt)))[0]!.n).toBe(1);
    expect((await listAudit({ action: 'department.unlink' }, t.db)).rows[0]).toMatchObject({ actor: 'bureau', after: { reason: '关联有误' } });
  });

  it('the bureau names itself for the reports; the change is audited and only the bureau may make it', async () => {
    expect(await getBureauName(t.db)).toBe(DEFAULT_BUREAU_NAME);
    expect(await setBureauName(leader, '某某局', {}, t.db)).toMatchObject({ ok: false });
    expect(await setBureauName(admin, '  ', {}, t.db)).toMatchObject({ ok: false, message: '请填写财政局名称' });
    expect(await setBureauName(admin, '财'.repeat(61), {}, t.db)).toMatchObject({ ok: false });
    expect(await setBureauName(admin, ' 巨鹿县财政局 ', {}, t.db)).toMatchObject({ ok: true });
    expect(await getBureauName(t.db)).toBe('巨鹿县财政局');
    expect((await listAudit({ action: 'settings.update' }, t.db)).rows[0]).toMatchObject({ before: { bureauName: null }, after: { bureauName: '巨鹿县财政局' } });
  });
});
