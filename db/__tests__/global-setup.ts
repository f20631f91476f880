import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDb } from '../client';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A dump of a migrated, empty PGlite database (see ./setup openTestDb). */
    pgliteTemplate: string;
  }
}

/**
 * Migrates one in-memory PGlite database before the unit suite and dumps its data folder: every
 * PGlite test database starts from that dump (under a second) instead of migrating (a few seconds).
 * The dump is of this checkout's migrations; openDb still applies any that are missing.
 */
export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecard-pglite-template-'));
  const file = path.join(dir, 'migrated.tar');
  const handle = await openDb({});
  try {
    const client = (handle.db as unknown as { $client: { dumpDataDir(c: 'none'): Promise<Blob> } }).$client;
    fs.writeFileSync(file, Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer()));
  } finally {
    await handle.close();
  }
  project.provide('pgliteTemplate', file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
