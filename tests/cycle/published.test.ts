import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * Published means frozen (issue 9 §3): the pages of a published round read its publication's
 * snapshot, so an engine change — here a scoring constant, the full-marks outcome, changed under
 * a published round — moves the live scores but not one published figure.
 */

const tamper = vi.hoisted(() => ({ on: false }));
vi.mock('@/lib/scoring/rules/context', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/lib/scoring/rules/context')>();
  const { outcome } = await import('@/lib/scoring/rules/outcome');
  return {
    ...real,
    // "Full marks" worth half a point less: a scoring constant of the engine, changed.
    ruleContext: (...args: Parameters<typeof real.ruleContext>) => {
      const ctx = real.ruleContext(...args);
      return tamper.on ? { ...ctx, full: outcome(ctx.full.cents - 50, 'full') } : ctx;
    },
  };
});

// The pages' reads take the viewer's language from its cookie; outside a request, the default.
vi.mock('next/headers', () => ({ cookies: async () => ({ get: () => undefined }) }));

import { closeDb, getDb, getDbHandle } from '@/db/client';
import { expectOk, publishAll, mixedCohort } from '@/db/__tests__/fixtures';
import { backends, openTestDb, type TestDb } from '@/db/__tests__/setup';
import { importCohort } from '@/db/import';
import { unpublishRound } from '@/app/lib/services/rounds';
import { getPublishedScores, getRoundScores } from '@/db/queries';
import { scoreSnapshots } from '@/db/schema';
import { publications } from '@/db/schema-cycle';
import { fetchDepartment, fetchExplanation, fetchHeat, fetchIndicator, fetchPolicies, fetchRankings, fetchRoundScores, fetchWhatIf } from '@/app/lib/data';
import { detailSheet, indicatorSheet, summarySheet } from '@/app/lib/views/export';
import { ENGINE_VERSION, scoreCohort, scoresToJson } from '@/lib/scoring';
import { main as scoreMain } from '@/scripts/cli/score';
import { runMain } from '@/tests/cli/run';
import { loadRoundDepartments } from '@/db/round-data';
import type { Viewer } from '@/lib/auth/roles';
import { account } from '@/tests/auth/db-helpers';

describe.each(backends)('a published round on %s', (backend) => {
  const saved = { ...process.env };
  let fresh: TestDb | undefined;
  let dataDir: string | undefined;
  let admin: Viewer;
  let leader: Viewer;
  let dept: Viewer;
  beforeAll(async () => {
    // The app's own database handle, as the pages use it.
    delete process.env.SCORECARD_DEMO;
    if (backend === 'postgres') {
      fresh = await openTestDb('postgres');
      process.env.DATABASE_URL = fresh.url!;
    } else {
      delete process.env.DATABASE_URL;
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecard-published-'));
      process.env.DATA_DIR = path.join(dataDir, 'pglite');
    }
    const db = await getDb();
    expectOk(await importCohort({ roundSlug: '2021', system: 'julu-2021', source: { kind: 'cohort', json: mixedCohort(12) }, actor: 'bureau' }, db));
    admin = await account(db, 'admin', 'admin');
    leader = await account(db, 'leader', 'leader');
    dept = await account(db, 'xiaolvzhai', 'department', 'xiaolvzhai');
  });
  afterAll(async () => {
    tamper.on = false;
    await closeDb();
    await fresh?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    process.env = saved;
  });

  /** Everything the pages of the round show, as the text they would print. */
  async function everyPage(): Promise<string> {
    const rs = (await fetchRoundScores(leader, '2021'))!;
    const groups = [...new Set(rs.scores.departments.map((d) => d.group))];
    const views = [];
    for (const g of groups) {
      views.push(await fetchRankings(leader, '2021', g), await fetchHeat(leader, '2021', g), await fetchIndicator(leader, '2021', 'staff_control', g));
      views.push(summarySheet(rs, [g]), detailSheet(rs, [g]), indicatorSheet(rs, [g]));
    }
    for (const d of rs.scores.departments) {
      const page = await fetchDepartment(leader, '2021', d.code);
      views.push({ ...page, rounds: null, versions: null }, await fetchExplanation(leader, '2021', d.code, 'budget_completion'));
    }
    views.push(await fetchDepartment(dept, '2021', 'xiaolvzhai').then((p) => ({ ...p, rounds: null, versions: null })));
    return JSON.stringify(views);
  }

  let published = '';
  let number = 0;

  it('publishing stores one snapshot with the explained Scores JSON, the evaluations, the submission versions and the engine version', async () => {
    const db = await getDb();
    number = await publishAll(db, '2021', admin);
    expect(number).toBe(1);
    const [snap] = await db.select().from(scoreSnapshots).innerJoin(publications, eq(publications.snapshotId, scoreSnapshots.id));
    const s = snap!.score_snapshots;
    expect(s).toMatchObject({ engineVersion: ENGINE_VERSION, appVersion: expect.stringMatching(/^\d+\.\d+\.\d+/), policy: 'cohort-in-band', panelRule: 'mean', reason: 'publish' });
    expect(Object.keys(s.submissionVersions)).toHaveLength(13);
    expect(s.evaluations!.xiaolvzhai!.duty_completion).toEqual([expect.objectContaining({ by: '财政局', score: '10.00' })]);
    const scores = s.scores as { departments: { indicators: Record<string, { explanation?: unknown }> }[] };
    expect(scores.departments[0]!.indicators.budget_completion!.explanation).toBeDefined();
  });

  it('the pages show the snapshot’s figures; an engine change moves the live scores but no published number', async () => {
    published = await everyPage();
    // What the engine makes of the same data, before and after the change.
    const db = await getDb();
    const round = (await getRoundScores('2021', {}, db))!.round;
    const engine = async () => {
      const { system, departments } = await loadRoundDepartments(db, round);
      return scoreCohort(system, departments).departments.map((d) => d.total.toFixed(2));
    };
    const before = await engine();
    tamper.on = true;
    expect(await engine()).not.toEqual(before);
    expect(await everyPage()).toBe(published);
    // `score --round` reads the figures the pages read: the publication, not the changed engine's.
    const cli = await runMain(scoreMain, ['--round', '2021'], { db: await getDbHandle() });
    expect(cli).toMatchObject({ code: 0, stderr: '' });
    const printed = JSON.parse(cli.stdout) as { departments: { code: string; total: string }[] };
    expect(printed).toEqual(JSON.parse(JSON.stringify(scoresToJson((await getPublishedScores('2021', undefined, db))!.scores))));
    const totals = (ds: { code: string; total: string }[]) => ds.map((d) => `${d.code} ${d.total}`).sort();
    const { system, departments } = await loadRoundDepartments(db, round);
    expect(totals(printed.departments)).not.toEqual(totals(scoreCohort(system, departments).departments.map((d) => ({ code: d.code, total: d.total.toFixed(2) }))));
    // Analyses of a published round read its pinned submissions: they still work.
    expect((await fetchPolicies(leader, '2021', '乡镇'))!.policies.rows.length).toBeGreaterThan(1);
    expect(await fetchWhatIf(leader, '2021', 'xiaolvzhai', {})).not.toBeNull();
    // The banner's facts come with the figures.
    expect((await fetchRankings(leader, '2021', '乡镇'))!.round.publication).toMatchObject({ number: 1, engineVersion: ENGINE_VERSION, withdrawnAt: null });
  });

  it('withdrawn, the round is live again; published again, a new snapshot; the first publication’s figures stay retrievable', async () => {
    const db = await getDb();
    expect(await unpublishRound(admin, '2021', '更正', {}, db)).toMatchObject({ ok: true });
    // Live again, so the (changed) engine's figures show.
    expect(await everyPage()).not.toBe(published);
    expect((await fetchRankings(leader, '2021', '乡镇'))!.round.publication).toBeNull();
    expect(await publishAll(db, '2021', admin)).toBe(2);
    const second = await everyPage();
    expect(second).not.toBe(published);
    // The first publication, by number: its figures as they were.
    const first = (await getPublishedScores('2021', 1, db))!;
    const byNumber = (await fetchRankings(leader, '2021', '乡镇', 1))!;
    expect(byNumber.round.publication).toMatchObject({ number: 1, withdrawnAt: expect.any(String) });
    expect(JSON.stringify(byNumber.rankings)).toBe(JSON.stringify(JSON.parse(published)[0].rankings));
    expect(first.scores.departments.map((d) => d.total.toFixed(2))).not.toEqual((await getPublishedScores('2021', 2, db))!.scores.departments.map((d) => d.total.toFixed(2)));
    // A department never asks for an earlier publication.
    expect(await fetchRankings(dept, '2021', undefined, 1)).toBeNull();
  });
});
