import type { Db } from '@/db/client';
import { endLink, insertLink, listLinks, type CodeLink, type LinkResult } from '@/db/links';
import { getBureauName, MAX_BUREAU_NAME, storeBureauName, type SettingResult } from '@/db/settings';
import { listDepartmentChoices } from '@/db/users';
import { can, type Viewer } from '@/lib/auth/roles';
import { actorOf, handleOf, inTransaction, type Meta } from './context';

/**
 * The units across years and the reports' heading, for the bureau (issue 12): links between a
 * unit's codes (renamed or re-coded), and the bureau's name printed at the head of every report.
 */

export type { CodeLink, LinkResult, SettingResult };

const manages = (viewer: Viewer | null): viewer is Viewer => can(viewer, 'units:manage');

/** Links `code` (the unit now) to `earlierCode` (its code before), with a reason; audited. */
export async function linkCodes(viewer: Viewer | null, input: { code: string; earlierCode: string; reason: string }, meta: Meta = {}, db?: Db): Promise<LinkResult> {
  if (!manages(viewer)) return { ok: false, message: '只有财政局管理员可以关联单位代码' };
  return inTransaction(db, (tx) => insertLink(tx, input, actorOf(viewer, meta.address)));
}

/** Ends a link, with a reason; audited, and the link stays on record. */
export async function unlinkCodes(viewer: Viewer | null, input: { id: number; reason: string }, meta: Meta = {}, db?: Db): Promise<LinkResult> {
  if (!manages(viewer)) return { ok: false, message: '只有财政局管理员可以关联单位代码' };
  return inTransaction(db, (tx) => endLink(tx, input, actorOf(viewer, meta.address)));
}

/** Sets the bureau's name at the head of every report (spaces collapsed); audited with the name before and after. */
export async function setBureauName(viewer: Viewer | null, name: string, meta: Meta = {}, db?: Db): Promise<SettingResult> {
  if (!manages(viewer)) return { ok: false, message: '只有财政局管理员可以修改报表设置' };
  const value = name.trim().replace(/\s+/g, ' ');
  if (!value) return { ok: false, message: '请填写财政局名称' };
  if ([...value].length > MAX_BUREAU_NAME) return { ok: false, message: `财政局名称过长（最多 ${MAX_BUREAU_NAME} 个字）` };
  return inTransaction(db, (tx) => storeBureauName(tx, value, actorOf(viewer, meta.address)));
}

/** The bureau's units page: its name, the standing links and the master list of units; null for anyone else. */
export async function readUnits(viewer: Viewer | null, db?: Db): Promise<{ bureau: string; links: CodeLink[]; units: { code: string; name: string }[] } | null> {
  if (!manages(viewer)) return null;
  const handle = await handleOf(db);
  const [bureau, links, units] = await Promise.all([getBureauName(handle), listLinks(handle), listDepartmentChoices(handle)]);
  return { bureau, links, units };
}
