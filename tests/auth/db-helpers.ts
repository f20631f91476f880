import { expect } from 'vitest';
import type { Viewer } from '@/lib/auth/roles';
import type { Db } from '@/db/client';
import { importCohort } from '@/db/import';
import { loadViewer, createUser } from '@/db/users';
import { mixedCohort } from '@/db/__tests__/fixtures';

export { backends, openTestDb, type TestDb } from '@/db/__tests__/setup';

export const CLI = { id: null, name: 'test' };

/** Round 2021 with the seed township xiaolvzhai and six synthetic units d00001…d00006. */
export async function seedRound(db: Db, slug = '2021'): Promise<void> {
  const r = await importCohort({ roundSlug: slug, system: 'julu-2021', source: { kind: 'cohort', json: mixedCohort(6) }, actor: 'test' }, db);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
}

export const PASSWORD = 'test-password-2021';

/** Creates an account and returns it as the permission checks see it. */
export async function account(db: Db, username: string, role: 'admin' | 'leader' | 'department' | 'reviewer', department?: string): Promise<Viewer> {
  const r = await createUser({ username, password: PASSWORD, role, departmentCode: department ?? null }, CLI, db);
  if (!r.ok) throw new Error(r.message);
  const v = await loadViewer(db, r.id);
  expect(v).not.toBeNull();
  return v!;
}
