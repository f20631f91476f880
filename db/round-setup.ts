import { and, eq } from 'drizzle-orm';
import { can, type Viewer } from '@/lib/auth/roles';
import { BUILTIN_SYSTEM_DOCUMENTS, builtinSystem, indexSystem, parseSystem, POLICIES, type PanelRule, type Policy, type System } from '@/lib/scoring';
import { writeAudit } from './audit';
import { getDb, type Db } from './client';
import { deadlineOf, parseThreshold } from './round-admin';
import { groups, rounds } from './schema';
import { storeSystemVersion } from './systems';
import { actorOf, lockRoundRow, publishedRoundMessage, Refusal } from './web-change';

/** Setting up a round in the browser (issue 9 §1): its system, policy, groups, deadline and panel rule. */

export const ROUND_SLUG = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const GROUP_NAME_MAX = 30;

export interface SystemPreview {
  ok: boolean;
  /** Each names the node it is about. */
  errors: string[];
  /** Allowed oddities the admin should see before confirming (spec §1). */
  warnings: string[];
  summary: { id: string; name: string; total: string; level1: number; leaves: number; judgementLeaves: number; interpolation: Policy } | null;
}

function summaryOf(system: System): SystemPreview['summary'] {
  const idx = indexSystem(system);
  return { id: system.id, name: system.name, total: system.total.toFixed(), level1: idx.level1.length, leaves: idx.leaves.length, judgementLeaves: idx.judgementLeaves.length, interpolation: system.interpolation };
}

/** Validates a system: a built-in id, or the text of an uploaded system@1 file. Nothing is stored. */
export function previewSystem(source: { builtin: string } | { fileText: string }): SystemPreview & { document?: unknown; system?: System } {
  if ('builtin' in source) {
    const system = builtinSystem(source.builtin);
    if (!system) return { ok: false, errors: [`没有内置指标体系“${source.builtin}”：内置体系有 ${Object.keys(BUILTIN_SYSTEM_DOCUMENTS).join('、')}`], warnings: [], summary: null };
    return { ok: true, errors: [], warnings: [], summary: summaryOf(system), document: BUILTIN_SYSTEM_DOCUMENTS[source.builtin], system };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(source.fileText.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { ok: false, errors: [`体系文件不是有效的 JSON：${e instanceof Error ? e.message : String(e)}`], warnings: [], summary: null };
  }
  const r = parseSystem(raw);
  if (!r.ok || !r.system) return { ok: false, errors: r.errors, warnings: r.warnings, summary: null };
  return { ok: true, errors: [], warnings: r.warnings, summary: summaryOf(r.system), document: raw, system: r.system };
}

/** Group names as typed: one per line or separated by 、，, ; trimmed, without duplicates. */
export function splitGroupNames(text: string): string[] {
  return [...new Set(text.split(/[\n,，、;；]/).map((g) => g.trim()).filter(Boolean))];
}

function checkGroupNames(names: string[]): void {
  if (names.length === 0) throw new Refusal('请至少声明一个分组（如 乡镇、县直部门）');
  for (const g of names) if ([...g].length > GROUP_NAME_MAX) throw new Refusal(`分组名“${g}”过长（最多 ${GROUP_NAME_MAX} 个字）`);
}

export interface NewRound {
  slug: string;
  name: string;
  year: number;
  system: { builtin: string } | { fileText: string };
  policy?: Policy;
  groups: string[];
  /** yyyy-mm-dd, or empty. */
  deadline?: string;
  panelRule: PanelRule;
  spreadThreshold?: string;
}

export type SetupResult = { ok: true; message: string; slug?: string } | { ok: false; message: string; errors?: string[] };

function guarded(viewer: Viewer | null, fn: (viewer: Viewer) => Promise<SetupResult>): Promise<SetupResult> {
  if (!viewer || !can(viewer, 'round:manage')) return Promise.resolve({ ok: false, message: '只有财政局管理员可以设置评价轮次' });
  return fn(viewer).catch((e) => {
    if (e instanceof Refusal) return { ok: false as const, message: e.message };
    throw e;
  });
}

/** Creates a round (填报中) with its declared groups; the system becomes a stored version. */
export function createRound(viewer: Viewer | null, input: NewRound, meta: { address?: string | null } = {}, db?: Db): Promise<SetupResult> {
  return guarded(viewer, async (viewer) => {
    const slug = input.slug.trim();
    if (!ROUND_SLUG.test(slug)) throw new Refusal(`轮次标识“${input.slug}”无效：只能用字母、数字、- 和 _，如 2022`);
    const name = input.name.trim();
    if (!name || name.length > 100) throw new Refusal('轮次名称须为 1–100 个字');
    if (!Number.isInteger(input.year) || input.year < 1900 || input.year > 9999) throw new Refusal('年度应为四位年份');
    const names = input.groups.map((g) => g.trim()).filter(Boolean);
    checkGroupNames(names);
    const preview = previewSystem(input.system);
    if (!preview.ok || !preview.system) return { ok: false, message: '指标体系无效', errors: preview.errors };
    const system = preview.system;
    const policy = input.policy ?? system.interpolation;
    if (!POLICIES.includes(policy)) throw new Refusal('插值口径无效');
    if (input.deadline && !/^\d{4}-\d{2}-\d{2}$/.test(input.deadline)) throw new Refusal('截止日期格式应为 年-月-日');
    const handle = db ?? (await getDb());
    return handle.transaction(async (tx) => {
      const versionId = await storeSystemVersion(tx, system, preview.document, viewer.username);
      const [created] = await tx
        .insert(rounds)
        .values({
          slug,
          name,
          year: input.year,
          systemVersionId: versionId,
          policy,
          status: 'collecting',
          deadline: input.deadline ? deadlineOf(input.deadline) : null,
          panelRule: input.panelRule,
          spreadThreshold: parseThreshold(input.spreadThreshold ?? ''),
          createdBy: viewer.username,
        })
        .onConflictDoNothing({ target: rounds.slug })
        .returning({ id: rounds.id });
      if (!created) throw new Refusal(`轮次标识 ${slug} 已被使用`);
      await tx.insert(groups).values(names.map((g) => ({ roundId: created.id, name: g })));
      await writeAudit(tx, actorOf(viewer, meta.address), {
        action: 'round.create',
        round: { id: created.id, slug },
        after: { name, year: input.year, system: system.id, systemVersionId: versionId, policy, groups: names, deadline: input.deadline || null, panelRule: input.panelRule, warnings: preview.warnings },
      });
      return { ok: true as const, slug, message: `已新建评价轮次 ${slug}（${name}），状态：填报中` };
    });
  });
}

/** Declares more groups for a round (groups are never renamed or removed: past rankings name them). */
export function declareGroups(viewer: Viewer | null, slug: string, names: string[], meta: { address?: string | null } = {}, db?: Db): Promise<SetupResult> {
  return guarded(viewer, async (viewer) => {
    checkGroupNames(names);
    const handle = db ?? (await getDb());
    return handle.transaction(async (tx) => {
      const round = await lockRoundRow(tx, slug);
      if (round.status === 'published') throw new Refusal(publishedRoundMessage(round));
      const added = await tx
        .insert(groups)
        .values(names.map((g) => ({ roundId: round.id, name: g })))
        .onConflictDoNothing({ target: [groups.roundId, groups.name] })
        .returning({ name: groups.name });
      if (added.length === 0) return { ok: true as const, message: '这些分组都已声明' };
      await writeAudit(tx, actorOf(viewer, meta.address), { action: 'round.groups', round, after: { added: added.map((a) => a.name) } });
      return { ok: true as const, message: `已声明分组：${added.map((a) => a.name).join('、')}` };
    });
  });
}

/** The declared groups of a round, in name order. */
export async function listGroups(roundId: number, db?: Db): Promise<string[]> {
  const handle = db ?? (await getDb());
  return (await handle.select({ name: groups.name }).from(groups).where(and(eq(groups.roundId, roundId))).orderBy(groups.name)).map((g) => g.name);
}
