import type { Db } from '@/db/client';
import type { ImportResult } from '@/db/import';
import { importFile } from '@/db/import-file';
import { selectRound } from '@/db/round-data';
import { can, type Viewer } from '@/lib/auth/roles';
import { handleOf, type Meta } from './context';

/**
 * The web import of a submission file into an existing round: the same validation and the same
 * all-or-nothing import as `npm run import`. Creating a round (and choosing its system) is the
 * round page's or the command line's job. Null when there is no such round.
 */
export async function importUpload(viewer: Viewer | null, slug: string, file: { name: string; buffer: Buffer }, meta: Meta = {}, db?: Db): Promise<(ImportResult & { warnings?: string[] }) | null> {
  if (!viewer || !can(viewer, 'round:import')) return { ok: false, problems: [{ message: '您的账号无权进行此操作' }] };
  const handle = await handleOf(db);
  if (!(await selectRound(handle, slug))) return null;
  return importFile({ roundSlug: slug, actor: viewer.username, actorId: viewer.id, address: meta.address ?? null, fileName: file.name, buffer: file.buffer }, handle);
}
