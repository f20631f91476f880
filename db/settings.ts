import { eq } from 'drizzle-orm';
import { can, type Viewer } from '@/lib/auth/roles';
import { writeAudit } from './audit';
import { getDb, type Db } from './client';
import { appSettings } from './schema-reports';
import { actorOf } from './web-change';

/** The bureau's settings (issue 12): today the name printed at the head of every report. */

/** Until the bureau sets its name, reports say just this. */
export const DEFAULT_BUREAU_NAME = '财政局';
const MAX_NAME = 60;

export async function getBureauName(db?: Db): Promise<string> {
  const handle = db ?? (await getDb());
  const [row] = await handle.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, 'bureau_name'));
  return row?.value ?? DEFAULT_BUREAU_NAME;
}

export type SettingResult = { ok: true; message: string } | { ok: false; message: string };

/** Sets the bureau's name (e.g. 巨鹿县财政局), audited with the name before and after. */
export async function setBureauName(viewer: Viewer | null, name: string, meta: { address?: string | null } = {}, db?: Db): Promise<SettingResult> {
  if (!viewer || !can(viewer, 'units:manage')) return { ok: false, message: '只有财政局管理员可以修改报表设置' };
  const value = name.trim().replace(/\s+/g, ' ');
  if (!value) return { ok: false, message: '请填写财政局名称' };
  if ([...value].length > MAX_NAME) return { ok: false, message: `财政局名称过长（最多 ${MAX_NAME} 个字）` };
  const handle = db ?? (await getDb());
  return handle.transaction(async (tx) => {
    const [row] = await tx.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, 'bureau_name')).for('update');
    if (row?.value === value) return { ok: true as const, message: '设置未变' };
    await tx
      .insert(appSettings)
      .values({ key: 'bureau_name', value, updatedBy: viewer.username })
      .onConflictDoUpdate({ target: appSettings.key, set: { value, updatedBy: viewer.username, updatedAt: new Date() } });
    await writeAudit(tx, actorOf(viewer, meta.address), { action: 'settings.update', before: { bureauName: row?.value ?? null }, after: { bureauName: value } });
    return { ok: true as const, message: `报表抬头已改为“${value}”` };
  });
}
