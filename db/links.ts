import { aliasedTable, and, asc, eq, isNull } from 'drizzle-orm';
import { writeAudit, type Actor } from './audit';
import { getDb, type Db, type Tx } from './client';
import { Refusal } from './round-lock';
import { departments } from './schema';
import { departmentLinks } from './schema-reports';

/**
 * Links between a unit's codes across years (issue 12 §2): the bureau says that code B is the unit
 * known as A before (renamed or re-coded), so movement and history follow it. Each link and each
 * removal is audited; a removed link stays on record. Who may link is the service's to decide
 * (app/lib/services/units); here a refusal of the data is thrown as `Refusal`.
 */

export interface CodeLink {
  id: number;
  code: string;
  name: string;
  earlierCode: string;
  earlierName: string;
  reason: string;
  createdBy: string;
  createdAt: Date;
}

export type LinkResult = { ok: true; message: string } | { ok: false; message: string };

const earlier = aliasedTable(departments, 'earlier');

/** Standing links: code → the codes it was known by before (direct predecessors). */
export async function selectEarlierCodes(db: Db | Tx): Promise<Map<string, string[]>> {
  const rows = await db
    .select({ code: departments.code, earlier: earlier.code })
    .from(departmentLinks)
    .innerJoin(departments, eq(departments.id, departmentLinks.departmentId))
    .innerJoin(earlier, eq(earlier.id, departmentLinks.earlierId))
    .where(isNull(departmentLinks.removedAt))
    .orderBy(asc(departmentLinks.id));
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.code, [...(out.get(r.code) ?? []), r.earlier]);
  return out;
}

export async function listEarlierCodes(db?: Db): Promise<Map<string, string[]>> {
  return selectEarlierCodes(db ?? (await getDb()));
}

/** Standing links with names, for the bureau's page. */
export async function listLinks(db?: Db): Promise<CodeLink[]> {
  const handle = db ?? (await getDb());
  return handle
    .select({
      id: departmentLinks.id,
      code: departments.code,
      name: departments.name,
      earlierCode: earlier.code,
      earlierName: earlier.name,
      reason: departmentLinks.reason,
      createdBy: departmentLinks.createdBy,
      createdAt: departmentLinks.createdAt,
    })
    .from(departmentLinks)
    .innerJoin(departments, eq(departments.id, departmentLinks.departmentId))
    .innerJoin(earlier, eq(earlier.id, departmentLinks.earlierId))
    .where(isNull(departmentLinks.removedAt))
    .orderBy(asc(departments.code), asc(departmentLinks.id));
}

async function unit(tx: Tx, code: string): Promise<{ id: number; code: string; name: string }> {
  const [row] = await tx.select({ id: departments.id, code: departments.code, name: departments.name }).from(departments).where(eq(departments.code, code));
  if (!row) throw new Refusal(`没有代码为 ${code} 的单位`);
  return row;
}

/** Links `code` (the unit now) to `earlierCode` (its code before), with the bureau's reason, in the caller's transaction. */
export async function insertLink(tx: Tx, input: { code: string; earlierCode: string; reason: string }, actor: Actor): Promise<LinkResult> {
  const code = input.code.trim();
  const before = input.earlierCode.trim();
  const reason = input.reason.trim();
  if (!reason) throw new Refusal('关联单位代码须写明理由（如：更名、机构改革后重新编码）');
  if (code === before) throw new Refusal('现用代码与原代码相同，无需关联');
  const now = await unit(tx, code);
  const then = await unit(tx, before);
  // One successor per earlier code, and no circle of codes: the history of a unit is a line.
  const links = await selectEarlierCodes(tx);
  const taken = [...links].find(([, list]) => list.includes(before));
  if (taken) throw new Refusal(`原代码 ${before} 已关联到 ${taken[0]}；如需更改，请先解除该关联`);
  const lineage = [before];
  for (let i = 0; i < lineage.length; i++) for (const e of links.get(lineage[i]!) ?? []) if (!lineage.includes(e)) lineage.push(e);
  if (lineage.includes(code)) throw new Refusal(`${before} 的历史代码中已有 ${code}，不能再反向关联`);
  const [row] = await tx.insert(departmentLinks).values({ departmentId: now.id, earlierId: then.id, reason, createdBy: actor.name }).returning({ id: departmentLinks.id });
  await writeAudit(tx, actor, {
    action: 'department.link',
    department: { id: now.id, code: now.code },
    after: { link: row!.id, code: now.code, earlierCode: then.code, reason },
  });
  return { ok: true as const, message: `已将 ${now.name}（${now.code}）关联到原代码 ${then.code}（${then.name}），历年对比将按同一单位计算` };
}

/** Ends a standing link, with a reason, in the caller's transaction; the row stays on record. */
export async function endLink(tx: Tx, input: { id: number; reason: string }, actor: Actor): Promise<LinkResult> {
  const reason = input.reason.trim();
  if (!reason) throw new Refusal('解除关联须写明理由');
  const [row] = await tx
    .update(departmentLinks)
    .set({ removedAt: new Date(), removedBy: actor.name, removeReason: reason })
    .where(and(eq(departmentLinks.id, input.id), isNull(departmentLinks.removedAt)))
    .returning({ departmentId: departmentLinks.departmentId, earlierId: departmentLinks.earlierId });
  if (!row) throw new Refusal('没有这条关联，或已解除');
  const [now] = await tx.select({ code: departments.code }).from(departments).where(eq(departments.id, row.departmentId));
  const [then] = await tx.select({ code: departments.code }).from(departments).where(eq(departments.id, row.earlierId));
  await writeAudit(tx, actor, {
    action: 'department.unlink',
    department: { id: row.departmentId, code: now!.code },
    before: { link: input.id, code: now!.code, earlierCode: then!.code },
    after: { reason },
  });
  return { ok: true as const, message: `已解除 ${now!.code} 与原代码 ${then!.code} 的关联` };
}
