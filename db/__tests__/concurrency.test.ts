import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../client';
import { importCohort } from '../import';
import { departmentToJson } from '@/lib/scoring';
import { getRoundCohort, listSubmissionVersions } from '../queries';
import { getSubmission, saveSubmission } from '../submissions';
import { rounds, submissions } from '../schema';
import { declare, expectOk, mixedCohort, seedCohort } from './fixtures';
import { backends, openTestDb, type TestDb } from './setup';

/** The seed township plus ten units of its own: every import touches the seed, and adds its own. */
function batch(k: number) {
  const own = mixedCohort(10, 100 + k).departments.slice(1).map((d) => ({ ...d, code: `c${k}-${String(d.code)}` }));
  return { ...seedCohort, departments: [seedCohort.departments[0]!, ...own] };
}

describe.each(backends)('on %s', (backend) => {
  const onPostgres = backend === 'postgres';
  let t: TestDb;
  let handles: Db[];
  beforeAll(async () => {
    t = await openTestDb(backend);
    // On PostgreSQL each import gets its own connection pool, so the transactions really overlap.
    // PGlite has one connection and queues transactions: there the test checks serial correctness.
    handles = onPostgres ? [t.db, (await t.second!()).db, (await t.second!()).db, (await t.second!()).db] : [t.db, t.db, t.db, t.db];
  });
  afterAll(async () => {
    await t?.close();
  });

  describe(`imports at the same moment (${onPostgres ? 'PostgreSQL, separate connections' : 'PGlite, one queued connection'})`, () => {
    it('four imports into one round lose none: every version is kept once, one is current', async () => {
      expectOk(await importCohort({ roundSlug: 'conc', system: 'julu-2021', source: { kind: 'cohort', json: seedCohort }, actor: 'setup' }, t.db));
      await declare(t.db, 'conc', '县直部门');
      const results = await Promise.all(
        handles.map((db, k) => importCohort({ roundSlug: 'conc', source: { kind: 'cohort', json: batch(k) }, actor: `importer-${k}` }, db)),
      );
      results.forEach(expectOk);
      const seedVersions = results.map((r) => (r.ok ? r.versions.xiaolvzhai : 0)).sort();
      expect(seedVersions).toEqual([2, 3, 4, 5]);

      const versions = await listSubmissionVersions('conc', 'xiaolvzhai', t.db);
      expect(versions.map((v) => v.version)).toEqual([5, 4, 3, 2, 1]);
      expect(versions.filter((v) => v.isCurrent).map((v) => v.version)).toEqual([5]);

      const cohort = await getRoundCohort('conc', t.db);
      expect(cohort!.departments).toHaveLength(1 + 4 * 10);
    });

    it('imports of different departments at the same moment all land, each department once', async () => {
      expectOk(await importCohort({ roundSlug: 'conc-disjoint', system: 'julu-2021', source: { kind: 'cohort', json: seedCohort }, actor: 'setup' }, t.db));
      await declare(t.db, 'conc-disjoint', '县直部门');
      const own = (k: number) => ({ ...seedCohort, departments: batch(20 + k).departments.slice(1) });
      const results = await Promise.all(handles.map((db, k) => importCohort({ roundSlug: 'conc-disjoint', source: { kind: 'cohort', json: own(k) }, actor: `importer-${k}` }, db)));
      results.forEach(expectOk);
      const cohort = await getRoundCohort('conc-disjoint', t.db);
      expect(cohort!.departments).toHaveLength(41);
    });

    it('web saves of different departments at the same moment both land: each locks only its own row', async () => {
      const codes = ['c20-d00001', 'c21-d00001', 'c22-d00001', 'c23-d00001'];
      const forms = await Promise.all(codes.map(async (c) => departmentToJson((await getSubmission('conc-disjoint', c, undefined, t.db))!.department)));
      const results = await Promise.all(
        handles.map((db, k) => saveSubmission({ roundSlug: 'conc-disjoint', code: codes[k]!, baseVersion: 1, status: 'submitted', department: forms[k]!, actor: `dept-${k}` }, db)),
      );
      expect(results).toEqual(codes.map(() => ({ ok: true, version: 2 })));
    });

    it('two imports that both create a new round make one round with both imports in it', async () => {
      const results = await Promise.all(
        handles.slice(0, 2).map((db, k) => importCohort({ roundSlug: 'conc-new', system: 'julu-2021', source: { kind: 'cohort', json: batch(10 + k) }, actor: `importer-${k}` }, db)),
      );
      results.forEach(expectOk);
      expect(results.filter((r) => r.ok && r.roundCreated)).toHaveLength(1);
      const current = await t.db
        .select({ id: submissions.id })
        .from(submissions)
        .innerJoin(rounds, eq(rounds.id, submissions.roundId))
        .where(and(eq(rounds.slug, 'conc-new'), eq(submissions.isCurrent, true)));
      expect(current).toHaveLength(21);
    });
  });
});
