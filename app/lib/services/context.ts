import type { Actor } from '@/db/audit';
import { getDb, type Db, type Tx } from '@/db/client';
import { Refusal } from '@/db/round-lock';
import type { Viewer } from '@/lib/auth/roles';

/**
 * What every service shares. A service is an operation on behalf of a signed-in viewer: it takes
 * the viewer, checks it with `can` (lib/auth/roles) before touching anything, and runs its
 * transaction over db/'s data access, which never checks anyone. Pages and actions reach the
 * database only through a service or a read of app/lib/data.ts.
 */

/** Where a change came from, for the audit log. */
export interface Meta {
  address?: string | null;
}

/** A refusal as every service answers it. */
export type Refused = { ok: false; message: string };

/** The audit log's "who" for a change made by a signed-in viewer. */
export function actorOf(viewer: Viewer, address?: string | null): Actor {
  return { id: viewer.id, name: viewer.username, address: address ?? null };
}

/** The app's database, or the one a test passes. */
export async function handleOf(db?: Db): Promise<Db> {
  return db ?? (await getDb());
}

/** Runs `fn`; a `Refusal` it throws (which rolled its transaction back) becomes `{ ok: false, message }`. */
export async function refusing<T>(fn: () => Promise<T>): Promise<T | Refused> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, message: e.message };
    throw e;
  }
}

/** Runs `fn` in one transaction of `db` (the app's by default); a `Refusal` rolls it back and is answered as such. */
export async function inTransaction<T>(db: Db | undefined, fn: (tx: Tx) => Promise<T>): Promise<T | Refused> {
  const handle = await handleOf(db);
  return refusing(() => handle.transaction(fn));
}
