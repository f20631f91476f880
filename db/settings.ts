import { eq } from 'drizzle-orm';
import { writeAudit, type Actor } from './audit';
import { getDb, type Db, type Tx } from './client';
import { appSettings } from './schema-reports';

/** The bureau's settings (issue 12): today the name printed at the head of every report. */

/** Until the bureau sets its name, reports say just this. */
export const DEFAULT_BUREAU_NAME = '财政局';
/** The longest bureau name, in characters. */
export const MAX_BUREAU_NAME = 60;

export async function getBureauName(db?: Db): Promise<string> {
  const handle = db ?? (await getDb());
  const [row] = await handle.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, 'bureau_name'));
  return row?.value ?? DEFAULT_BUREAU_NAME;
}

export type SettingResult = { ok: true; message: string } | { ok: false; message: string };

/**
 * Stores the bureau's name (e.g. 巨鹿县财政局) in the caller's transaction, audited with the name
 * before and after. The service (app/lib/services/units) checks the viewer and the name's form.
 */
export async function storeBureauName(tx: Tx, value: string, actor: Actor): Promise<SettingResult> {
  const [row] = await tx.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, 'bureau_name')).for('update');
  if (row?.value === value) return { ok: true as const, message: '设置未变' };
  await tx
    .insert(appSettings)
    .values({ key: 'bureau_name', value, updatedBy: actor.name })
    .onConflictDoUpdate({ target: appSettings.key, set: { value, updatedBy: actor.name, updatedAt: new Date() } });
  await writeAudit(tx, actor, { action: 'settings.update', before: { bureauName: row?.value ?? null }, after: { bureauName: value } });
  return { ok: true as const, message: `报表抬头已改为“${value}”` };
}
