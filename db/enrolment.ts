import { and, asc, eq, inArray } from 'drizzle-orm';
import { undeclaredGroupMessage } from '@/lib/interchange/group-names';
import { DEPARTMENT_CODE, DEPARTMENT_CODE_RULE, type Problem } from '@/lib/scoring';
import { writeAudit, type Actor } from './audit';
import { getDb, type Db, type Tx } from './client';
import { selectMember, selectRound, type Round } from './round-data';
import { lockRound, Refusal, refuseIfPublished } from './round-lock';
import { departments, groups, roundDepartments } from './schema';

/**
 * Which departments take part in a round (issue 9 §1), and in which declared group: copied from an
 * earlier round, picked from the master list, or from a list — all or nothing, every bad row named.
 * A department already in the round keeps its group: moving it is `moveMember`. Each runs in the
 * caller's transaction, locking the round's row; refusals are thrown as `Refusal`.
 */

export type EnrolResult = { ok: true; message: string; added: string[]; kept: string[] } | { ok: false; message: string; problems?: Problem[] };

const CHUNK = 500;

export interface Entry {
  code: string;
  /** Needed for a department not yet in the master list. */
  name: string;
  group: string;
  /** Where it came from, for messages: a file row. */
  row?: number;
}

async function declaredGroups(tx: Tx, roundId: number): Promise<Map<string, number>> {
  const rows = await tx.select({ id: groups.id, name: groups.name }).from(groups).where(eq(groups.roundId, roundId));
  return new Map(rows.map((g) => [g.name, g.id]));
}

/** Enrols entries in one transaction; refuses all of them if any row is bad. */
async function enrol(tx: Tx, round: Round, entries: Entry[], source: string, actor: Actor): Promise<EnrolResult> {
  refuseIfPublished(round);
  const declared = await declaredGroups(tx, round.id);
  const names = [...declared.keys()].sort();
  const codes = [...new Set(entries.map((e) => e.code).filter((c) => DEPARTMENT_CODE.test(c)))];
  const master = new Map<string, { id: number; name: string }>();
  for (let i = 0; i < codes.length; i += CHUNK) {
    for (const d of await tx.select({ id: departments.id, code: departments.code, name: departments.name }).from(departments).where(inArray(departments.code, codes.slice(i, i + CHUNK)))) {
      master.set(d.code, d);
    }
  }
  const problems: Problem[] = [];
  const seen = new Map<string, number | undefined>();
  for (const e of entries) {
    const at = { ...(e.row ? { row: e.row } : {}), department: e.code || undefined };
    const where = e.row ? `第 ${e.row} 行：` : '';
    if (!DEPARTMENT_CODE.test(e.code)) problems.push({ ...at, field: 'code', message: `${where}单位代码“${e.code}”无效：${DEPARTMENT_CODE_RULE}` });
    if (!declared.has(e.group)) problems.push({ ...at, field: 'group', message: `${where}${e.group ? undeclaredGroupMessage(e.group, names) : `未填分组；本轮已声明的分组：${names.join('、')}`}` });
    if (DEPARTMENT_CODE.test(e.code) && !master.has(e.code) && !e.name.trim()) problems.push({ ...at, field: 'name', message: `${where}新单位 ${e.code} 须填写单位名称` });
    if (seen.has(e.code)) problems.push({ ...at, field: 'code', message: `${where}单位代码 ${e.code} 重复${seen.get(e.code) ? `（与第 ${seen.get(e.code)} 行）` : ''}` });
    seen.set(e.code, e.row);
  }
  if (problems.length) {
    const listed = problems.length <= 3 ? `：${problems.map((p) => p.message).join('；')}` : '';
    return { ok: false, message: `名单有 ${problems.length} 处问题，未登记任何单位${listed}`, problems };
  }

  const fresh = entries.filter((e) => !master.has(e.code));
  for (let i = 0; i < fresh.length; i += CHUNK) {
    const rows = await tx
      .insert(departments)
      .values(fresh.slice(i, i + CHUNK).map((e) => ({ code: e.code, name: e.name.trim() })))
      .onConflictDoNothing({ target: departments.code })
      .returning({ id: departments.id, code: departments.code, name: departments.name });
    for (const r of rows) master.set(r.code, r);
  }
  // Anyone created meanwhile by a concurrent import.
  const missing = entries.filter((e) => !master.has(e.code)).map((e) => e.code);
  for (const d of missing.length ? await tx.select({ id: departments.id, code: departments.code, name: departments.name }).from(departments).where(inArray(departments.code, missing)) : []) master.set(d.code, d);

  const ids = entries.map((e) => master.get(e.code)!.id);
  const already = new Set<number>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await tx
      .select({ id: roundDepartments.departmentId })
      .from(roundDepartments)
      .where(and(eq(roundDepartments.roundId, round.id), inArray(roundDepartments.departmentId, ids.slice(i, i + CHUNK))));
    for (const r of rows) already.add(r.id);
  }
  const added = entries.filter((e) => !already.has(master.get(e.code)!.id));
  const kept = entries.filter((e) => already.has(master.get(e.code)!.id)).map((e) => e.code);
  for (let i = 0; i < added.length; i += CHUNK) {
    await tx
      .insert(roundDepartments)
      .values(added.slice(i, i + CHUNK).map((e) => ({ roundId: round.id, departmentId: master.get(e.code)!.id, groupId: declared.get(e.group)! })))
      .onConflictDoNothing();
  }
  if (added.length) {
    await writeAudit(tx, actor, {
      action: 'round.enrol',
      round,
      after: { source, added: Object.fromEntries(added.map((e) => [e.code, e.group])), newDepartments: fresh.map((e) => e.code), alreadyEnrolled: kept },
    });
  }
  const note = kept.length ? `；${kept.length} 个已在本轮中，分组不变` : '';
  return { ok: true, added: added.map((e) => e.code), kept, message: `已登记 ${added.length} 个单位${note}` };
}

/**
 * Copies the departments of an earlier round with their groups. Groups the source had and this
 * round lacks are declared too (the admin chose to copy them), and the audit entry says so.
 */
export async function enrolFromRound(tx: Tx, slug: string, fromSlug: string, actor: Actor): Promise<EnrolResult> {
  const round = await lockRound(tx, slug);
  const from = await selectRound(tx, fromSlug);
  if (!from || from.id === round.id) throw new Refusal(`没有可复制的评价轮次 ${fromSlug}`);
  const members = await tx
    .select({ code: departments.code, name: departments.name, group: groups.name })
    .from(roundDepartments)
    .innerJoin(departments, eq(departments.id, roundDepartments.departmentId))
    .innerJoin(groups, eq(groups.id, roundDepartments.groupId))
    .where(eq(roundDepartments.roundId, from.id))
    .orderBy(asc(departments.code));
  if (members.length === 0) throw new Refusal(`评价轮次 ${fromSlug} 没有参评单位`);
  refuseIfPublished(round);
  const have = await declaredGroups(tx, round.id);
  const newGroups = [...new Set(members.map((m) => m.group))].filter((g) => !have.has(g));
  if (newGroups.length) {
    await tx.insert(groups).values(newGroups.map((name) => ({ roundId: round.id, name })));
    await writeAudit(tx, actor, { action: 'round.groups', round, after: { added: newGroups, copiedFrom: fromSlug } });
  }
  const r = await enrol(tx, round, members, `copy:${fromSlug}`, actor);
  return r.ok && newGroups.length ? { ...r, message: `${r.message}；并声明了分组 ${newGroups.join('、')}` } : r;
}

/** Enrols departments picked from the master list, into one declared group. */
export async function enrolFromMaster(tx: Tx, slug: string, codes: string[], group: string, actor: Actor): Promise<EnrolResult> {
  const round = await lockRound(tx, slug);
  const known = await tx.select({ code: departments.code }).from(departments).where(inArray(departments.code, codes));
  const unknown = codes.filter((c) => !known.some((k) => k.code === c));
  if (unknown.length) throw new Refusal(`单位总名单中没有：${unknown.join('、')}`);
  return enrol(tx, round, codes.map((code) => ({ code, name: '', group })), 'master', actor);
}

/** Enrols the departments of a list already read (code, name, group per row); `source` names it in the audit log. */
export async function enrolFromList(tx: Tx, slug: string, entries: Entry[], source: string, actor: Actor): Promise<EnrolResult> {
  const round = await lockRound(tx, slug);
  return enrol(tx, round, entries, source, actor);
}

/**
 * Moves a department to another declared group of the round: an explicit admin decision with a
 * reason and an audit entry. It changes both groups' cohorts, so the round's row is locked.
 */
export async function moveMember(tx: Tx, slug: string, code: string, group: string, reason: string, actor: Actor): Promise<EnrolResult> {
  const round = await lockRound(tx, slug, { unpublished: true });
  const declared = await declaredGroups(tx, round.id);
  if (!declared.has(group)) throw new Refusal(undeclaredGroupMessage(group, [...declared.keys()].sort()));
  const member = await selectMember(tx, round.id, code);
  if (!member) throw new Refusal(`单位 ${code} 不在评价轮次 ${slug} 中`);
  if (member.group === group) throw new Refusal(`单位 ${code} 已在分组“${group}”中`);
  await tx.update(roundDepartments).set({ groupId: declared.get(group)! }).where(and(eq(roundDepartments.roundId, round.id), eq(roundDepartments.departmentId, member.id)));
  await writeAudit(tx, actor, { action: 'round.group_move', round, department: { id: member.id, code }, before: { group: member.group }, after: { group, reason: reason.trim() } });
  return { ok: true as const, added: [], kept: [], message: `单位 ${code} 已从“${member.group}”调整到“${group}”` };
}

export interface Member {
  code: string;
  name: string;
  group: string;
}

/** The departments of a round with their group, by group and code. */
export async function listMembers(roundId: number, db?: Db | Tx): Promise<Member[]> {
  const handle = db ?? (await getDb());
  return handle
    .select({ code: departments.code, name: departments.name, group: groups.name })
    .from(roundDepartments)
    .innerJoin(departments, eq(departments.id, roundDepartments.departmentId))
    .innerJoin(groups, eq(groups.id, roundDepartments.groupId))
    .where(eq(roundDepartments.roundId, roundId))
    .orderBy(asc(groups.name), asc(departments.code));
}
