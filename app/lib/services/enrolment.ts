import { insertDepartmentAccounts, membersWithoutAccount, takenUsernames } from '@/db/accounts';
import type { Db } from '@/db/client';
import { enrolFromList, enrolFromMaster as enrolPicked, enrolFromRound as enrolCopied, moveMember, type EnrolResult } from '@/db/enrolment';
import { assignReviewer } from '@/db/reviewers';
import { selectRound } from '@/db/round-data';
import { Refusal } from '@/db/round-lock';
import { BUSY_HASHING, hashPasswords } from '@/db/users';
import { passwordProblem, usernameProblem } from '@/lib/auth/credentials';
import { can, type Viewer } from '@/lib/auth/roles';
import { generatePassword } from '@/lib/auth/token';
import { memberListFromTable, parseMemberCsv, type MemberRow } from '@/lib/interchange/member-list';
import { readUpload } from '@/lib/interchange/upload';
import type { Problem } from '@/lib/scoring';
import { actorOf, handleOf, inTransaction, refusing, type Meta } from './context';

/**
 * Who takes part in a round, for the bureau: enrolment (copied, picked from the master list, or an
 * uploaded list — all or nothing), group moves, reviewers per unit, and the units' missing accounts.
 */

export type { EnrolResult };

const ENROL_DENIED = { ok: false as const, message: '只有财政局管理员可以管理参评单位' };
const manages = (viewer: Viewer | null): viewer is Viewer => Boolean(viewer && can(viewer, 'round:manage'));

/**
 * Copies the departments of an earlier round with their groups. Groups the source had and this
 * round lacks are declared too (the admin chose to copy them), and the audit entry says so.
 */
export async function enrolFromRound(viewer: Viewer | null, slug: string, fromSlug: string, meta: Meta = {}, db?: Db): Promise<EnrolResult> {
  if (!manages(viewer)) return ENROL_DENIED;
  return inTransaction(db, (tx) => enrolCopied(tx, slug, fromSlug, actorOf(viewer, meta.address)));
}

/** Enrols departments picked from the master list, into one declared group. */
export async function enrolFromMaster(viewer: Viewer | null, slug: string, codes: string[], group: string, meta: Meta = {}, db?: Db): Promise<EnrolResult> {
  if (!manages(viewer)) return ENROL_DENIED;
  if (codes.length === 0) return { ok: false, message: '请至少选择一个单位' };
  return inTransaction(db, (tx) => enrolPicked(tx, slug, codes, group, actorOf(viewer, meta.address)));
}

/** The rows of an uploaded list: CSV, or the xlsx template (code, name, group per row). */
async function readMemberList(fileName: string, buffer: Buffer): Promise<{ ok: true; rows: MemberRow[] } | { ok: false; problems: Problem[] }> {
  if (/\.csv$/i.test(fileName)) return parseMemberCsv(new TextDecoder('utf-8').decode(buffer));
  if (/\.xlsx$/i.test(fileName)) {
    const read = await readUpload(fileName, buffer);
    return read.ok && read.source.kind === 'table' ? memberListFromTable(read.source.table) : { ok: false, problems: read.ok ? [] : read.problems };
  }
  throw new Refusal(`不支持的文件类型“${fileName}”：名单请用 .csv 或本系统的 .xlsx 模板`);
}

/** Enrols the departments of an uploaded list (CSV, or the xlsx template): code, name, group per row. */
export async function enrolFromFile(viewer: Viewer | null, slug: string, fileName: string, buffer: Buffer, meta: Meta = {}, db?: Db): Promise<EnrolResult> {
  if (!manages(viewer)) return ENROL_DENIED;
  return refusing(async () => {
    const list = await readMemberList(fileName, buffer);
    if (!list.ok) return { ok: false as const, message: '名单无法读取', problems: list.problems };
    const entries = list.rows.map((r) => ({ code: r.code, name: r.name, group: r.group, row: r.row }));
    return inTransaction(db, (tx) => enrolFromList(tx, slug, entries, `file:${fileName}`, actorOf(viewer, meta.address)));
  });
}

/**
 * Moves a department to another declared group of the round: an explicit admin decision with a
 * reason and an audit entry.
 */
export async function moveDepartment(viewer: Viewer | null, slug: string, code: string, group: string, reason: string, meta: Meta = {}, db?: Db): Promise<EnrolResult> {
  if (!manages(viewer)) return ENROL_DENIED;
  if (!reason.trim()) return { ok: false, message: '调整分组须写明理由' };
  return inTransaction(db, (tx) => moveMember(tx, slug, code, group, reason, actorOf(viewer, meta.address)));
}

export type ReviewerResult = { ok: true; message: string } | { ok: false; message: string };

/**
 * Assigns (or, with `assign` false, unassigns) one reviewer account to the given departments.
 * Scores a reviewer already gave stay stored; an unassigned reviewer's scores no longer count.
 */
export async function setReviewerAssignment(viewer: Viewer | null, slug: string, username: string, codes: string[], assign: boolean, meta: Meta = {}, db?: Db): Promise<ReviewerResult> {
  if (!manages(viewer)) return { ok: false, message: '只有财政局管理员可以指派评审专家' };
  if (codes.length === 0) return { ok: false, message: '请至少选择一个单位' };
  return inTransaction(db, async (tx) => ({ ok: true as const, message: await assignReviewer(tx, slug, username, codes, assign, actorOf(viewer, meta.address)) }));
}

export interface NewAccount {
  code: string;
  name: string;
  username: string;
  /** Shown once to the admin, for the printable list; never stored. */
  password: string;
}

export type AccountsResult = { ok: true; message: string; created: NewAccount[] } | { ok: false; message: string };

/** A username from a department code: lower case, valid under the username rule, and free. */
export function usernameFor(code: string, taken: Set<string>): string {
  let base = code.toLowerCase().replace(/[^a-z0-9._-]/g, '');
  if (!/^[a-z0-9]/.test(base)) base = `d${base}`;
  if (base.length < 2) base = `${base}-dept`;
  base = base.slice(0, 28);
  let name = base;
  for (let n = 2; taken.has(name) || usernameProblem(name); n++) name = `${base}-${n}`;
  return name;
}

function passwordFor(username: string): string {
  let p = generatePassword();
  while (passwordProblem(p, username)) p = generatePassword();
  return p;
}

/**
 * "Create missing accounts" (issue 9 §1): one department account for every department of a round
 * that has none, each with a generated password that is shown once — only its hash is kept.
 */
export async function createMissingAccounts(viewer: Viewer | null, slug: string, meta: Meta = {}, db?: Db): Promise<AccountsResult> {
  if (!viewer || !can(viewer, 'users:manage')) return { ok: false, message: '只有财政局管理员可以新增账号' };
  const handle = await handleOf(db);
  const round = await selectRound(handle, slug);
  if (!round) return { ok: false, message: `评价轮次 ${slug} 不存在` };
  const needed = await membersWithoutAccount(handle, round.id);
  if (needed.length === 0) return { ok: true, created: [], message: '本轮每个单位都已有账号' };
  const taken = await takenUsernames(handle);
  const planned = needed.map((m) => {
    const username = usernameFor(m.code, taken);
    taken.add(username);
    return { ...m, username, password: passwordFor(username) };
  });
  // Hashing is the slow part (argon2id): done before the transaction, in the password queue.
  const hashes = await hashPasswords(planned.map((p) => p.password));
  if (!hashes) return { ok: false, message: BUSY_HASHING };
  const stored = await handle.transaction((tx) => insertDepartmentAccounts(tx, round, planned.map((p, i) => ({ id: p.id, code: p.code, username: p.username, passwordHash: hashes[i]! })), actorOf(viewer, meta.address)));
  const created = planned.filter((p) => stored.has(p.username)).map((p) => ({ code: p.code, name: p.name, username: p.username, password: p.password }));
  return { ok: true, created, message: `已为 ${created.length} 个单位新建账号；初始密码只显示这一次，请打印或抄录后分发` };
}
