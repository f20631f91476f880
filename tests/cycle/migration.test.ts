import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The cycle's migration on data written before it: open/locked rounds become 填报中/评审中 (the
 * change audited), and the judgement scores the bureau gave — in its imports and its review
 * adjustments — become its evaluations, the latest current; a department's own typed figures do not.
 */

const dir = path.resolve(__dirname, '../../db/migrations');
const statements = (file: string) =>
  fs
    .readFileSync(path.join(dir, file), 'utf8')
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter(Boolean);
const cycleFile = fs.readdirSync(dir).find((f) => f.endsWith('_cycle.sql'))!;

let pg: PGlite;
beforeAll(async () => {
  pg = await PGlite.create();
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
    if (f === cycleFile) break;
    for (const s of statements(f)) await pg.exec(s);
  }
  const judgements = (duty: number) => JSON.stringify({ code: 'x', judgements: { duty_completion: duty, economic_benefit: 4 } });
  await pg.exec(`
    insert into indicator_systems (id, system_id, version, name, document, created_by) values (1, 'julu-2021', 1, 'j', '{}', 't');
    insert into rounds (id, slug, name, year, system_version_id, policy, status, created_by) values
      (1, 'open-one', 'o', 2021, 1, 'cohort-in-band', 'open', 't'),
      (2, 'locked-one', 'l', 2020, 1, 'cohort-in-band', 'locked', 't');
    insert into departments (id, code, name) values (1, 'a', 'A'), (2, 'b', 'B');
    insert into groups (id, round_id, name) values (1, 1, '乡镇');
    insert into round_departments (round_id, department_id, group_id) values (1, 1, 1), (1, 2, 1);
    insert into import_batches (id, round_id, format, department_count, new_department_count, created_by) values (1, 1, 'table', 2, 2, 'bureau');
    insert into submissions (id, round_id, department_id, version, is_current, status, data, import_batch_id, created_by, created_at) values
      (1, 1, 1, 1, false, 'submitted', '${judgements(8)}', 1, 'bureau', now() - interval '3 days'),
      (2, 1, 1, 2, false, 'submitted', '${judgements(8)}', null, 'a', now() - interval '2 days'),
      (3, 1, 1, 3, true, 'submitted', '${judgements(6)}', null, 'admin', now() - interval '1 day'),
      (4, 1, 2, 1, true, 'submitted', '${judgements(9)}', null, 'b', now() - interval '1 day');
    insert into review_adjustments (submission_id, indicator, before, after, reason, created_by, created_at) values (3, 'duty_completion', '8', '6', '材料不全', 'admin', now() - interval '1 day');
  `);
  for (const s of statements(cycleFile)) await pg.exec(s);
});
afterAll(async () => {
  await pg?.close();
});

describe('migrating data written before the evaluation cycle', () => {
  it('maps open → collecting and locked → reviewing, and audits the change of the locked round', async () => {
    const r = await pg.query<{ slug: string; status: string }>('select slug, status from rounds order by id');
    expect(r.rows).toEqual([
      { slug: 'open-one', status: 'collecting' },
      { slug: 'locked-one', status: 'reviewing' },
    ]);
    const a = await pg.query<{ action: string; round_slug: string; before: unknown; after: { status: string } }>("select action, round_slug, before, after from audit_log where actor = 'migration'");
    expect(a.rows).toEqual([{ action: 'round.status', round_slug: 'locked-one', before: { status: 'locked' }, after: expect.objectContaining({ status: 'reviewing' }) }]);
  });

  it('keeps the bureau’s judgement scores as its evaluations, the adjusted one current, the old ones as history', async () => {
    const e = await pg.query<{ department_id: number; indicator: string; score: string; is_current: boolean; comment: string | null }>(
      'select department_id, indicator, score, is_current, comment from evaluations order by department_id, indicator, id',
    );
    expect(e.rows).toEqual([
      { department_id: 1, indicator: 'duty_completion', score: '8.00', is_current: false, comment: null },
      { department_id: 1, indicator: 'duty_completion', score: '6.00', is_current: true, comment: '材料不全' },
      { department_id: 1, indicator: 'economic_benefit', score: '4.00', is_current: true, comment: null },
    ]);
  });

  it('does not take a department’s own typed figures for an evaluation: those leaves await evaluation', async () => {
    const e = await pg.query('select * from evaluations where department_id = 2');
    expect(e.rows).toEqual([]);
  });
});
