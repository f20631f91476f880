import type { Db } from '@/db/client';
import { publish, withdraw, type Missing, type PublishResult } from '@/db/publication';
import { saveSettings, setStatus, type SettingValues } from '@/db/round-admin';
import { Refusal } from '@/db/round-lock';
import { addGroups, insertRound } from '@/db/round-setup';
import { previewSystem } from '@/lib/interchange/system-file';
import { ROUND_SLUG } from '@/lib/interchange/text-rules';
import { can, type Viewer } from '@/lib/auth/roles';
import { parseDecimal, PANEL_RULES, POLICIES, type PanelRule, type Policy } from '@/lib/scoring';
import { actorOf, inTransaction, refusing, type Meta } from './context';

/**
 * A round's life, for the bureau: setting it up (system, policy, groups, deadline, panel rule),
 * its status 填报中 → 评审中 → 已发布, withdrawing a publication, and its settings.
 */

export type { Missing, PublishResult };
export type RoundAdminResult = { ok: true; message: string } | { ok: false; message: string };
export type SetupResult = { ok: true; message: string; slug?: string } | { ok: false; message: string; errors?: string[] };

const GROUP_NAME_MAX = 30;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const manages = (viewer: Viewer | null): viewer is Viewer => Boolean(viewer && can(viewer, 'round:manage'));

/** A spread threshold as typed: '' for none, else 0–100 with at most 2 decimals. */
export function parseThreshold(text: string): string | null {
  const t = text.trim();
  if (!t) return null;
  const p = parseDecimal(t);
  if (!p.ok || p.value.isNeg() || p.value.decimalPlaces() > 2 || p.value.gt(100)) throw new Refusal('分差阈值应为 0–100 之间、最多 2 位小数的分数');
  return p.value.toFixed(2);
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

/** Creates a round (填报中) with its declared groups; the system becomes a stored version. */
export async function createRound(viewer: Viewer | null, input: NewRound, meta: Meta = {}, db?: Db): Promise<SetupResult> {
  if (!manages(viewer)) return { ok: false, message: '只有财政局管理员可以设置评价轮次' };
  return refusing(async (): Promise<SetupResult> => {
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
    if (input.deadline && !DATE.test(input.deadline)) throw new Refusal('截止日期格式应为 年-月-日');
    const row = {
      slug,
      name,
      year: input.year,
      system,
      document: preview.document,
      policy,
      groups: names,
      deadline: input.deadline || null,
      panelRule: input.panelRule,
      spreadThreshold: parseThreshold(input.spreadThreshold ?? ''),
      warnings: preview.warnings,
    };
    return inTransaction(db, async (tx) => {
      await insertRound(tx, row, actorOf(viewer, meta.address));
      return { ok: true as const, slug, message: `已新建评价轮次 ${slug}（${name}），状态：填报中` };
    });
  });
}

/** Declares more groups for a round (groups are never renamed or removed: past rankings name them). */
export async function declareGroups(viewer: Viewer | null, slug: string, names: string[], meta: Meta = {}, db?: Db): Promise<SetupResult> {
  if (!manages(viewer)) return { ok: false, message: '只有财政局管理员可以设置评价轮次' };
  return refusing(async () => {
    checkGroupNames(names);
    return inTransaction(db, async (tx) => {
      const added = await addGroups(tx, slug, names, actorOf(viewer, meta.address));
      return { ok: true as const, message: added.length ? `已声明分组：${added.join('、')}` : '这些分组都已声明' };
    });
  });
}

const ADMIN_DENIED: RoundAdminResult = { ok: false, message: '只有财政局管理员可以管理评价轮次' };

/**
 * Ends collection (填报中 → 评审中: departments can change only what the bureau returns) or reopens it
 * (评审中 → 填报中, with a reason). Publishing is its own step.
 */
export async function setCollecting(viewer: Viewer | null, slug: string, to: 'collecting' | 'reviewing', reason: string, meta: Meta = {}, db?: Db): Promise<RoundAdminResult> {
  if (!manages(viewer)) return ADMIN_DENIED;
  return inTransaction(db, async (tx) => ({ ok: true as const, message: await setStatus(tx, slug, to, reason, actorOf(viewer, meta.address)) }));
}

export interface RoundSettings {
  name?: string;
  /** ISO date (yyyy-mm-dd) or '' for none. */
  deadline?: string;
  panelRule?: PanelRule;
  /** Decimal text or '' for none. */
  spreadThreshold?: string;
  showRankingToDepartments?: boolean;
}

/** The settings as typed, checked: every refusal names what is wrong. */
function checkedSettings(settings: RoundSettings): SettingValues {
  const values: SettingValues = {};
  if (settings.name !== undefined) {
    const name = settings.name.trim();
    if (!name || name.length > 100) throw new Refusal('轮次名称须为 1–100 个字');
    values.name = name;
  }
  if (settings.deadline !== undefined) {
    if (settings.deadline && !DATE.test(settings.deadline)) throw new Refusal('截止日期格式应为 年-月-日');
    values.deadline = settings.deadline || null;
  }
  if (settings.panelRule !== undefined) {
    if (!PANEL_RULES.includes(settings.panelRule)) throw new Refusal('评审专家评分的合成方式无效');
    values.panelRule = settings.panelRule;
  }
  if (settings.spreadThreshold !== undefined) values.spreadThreshold = parseThreshold(settings.spreadThreshold);
  if (settings.showRankingToDepartments !== undefined) values.showRankingToDepartments = settings.showRankingToDepartments;
  return values;
}

/**
 * Changes the round's settings. On a published round only who sees the ranking may change: the
 * rest shaped the frozen figures.
 */
export async function updateRoundSettings(viewer: Viewer | null, slug: string, settings: RoundSettings, meta: Meta = {}, db?: Db): Promise<RoundAdminResult> {
  if (!manages(viewer)) return ADMIN_DENIED;
  return refusing(async () => {
    const values = checkedSettings(settings);
    return inTransaction(db, async (tx) => {
      const changed = await saveSettings(tx, slug, values, actorOf(viewer, meta.address));
      return { ok: true as const, message: changed ? '设置已保存' : '设置未变' };
    });
  });
}

/** Whether departments see the whole ranking list of the round (a setting allowed on a published round too). */
export function setRankingVisibility(viewer: Viewer | null, slug: string, visible: boolean, meta: Meta = {}, db?: Db) {
  return updateRoundSettings(viewer, slug, { showRankingToDepartments: visible }, meta, db);
}

const PUBLISH_DENIED = { ok: false as const, message: '只有财政局管理员可以发布或撤回评价结果' };

/**
 * Publishes a round in review: refused, with the list of what is missing, unless every enrolled
 * department is accepted and evaluated. Stores one snapshot as publication n.
 */
export async function publishRound(viewer: Viewer | null, slug: string, meta: Meta = {}, db?: Db): Promise<PublishResult> {
  if (!manages(viewer)) return PUBLISH_DENIED;
  return inTransaction(db, (tx) => publish(tx, slug, actorOf(viewer, meta.address)));
}

/** Withdraws the standing publication, with a reason: the round goes back to review; the snapshot stays readable. */
export async function unpublishRound(viewer: Viewer | null, slug: string, reason: string, meta: Meta = {}, db?: Db): Promise<PublishResult> {
  if (!manages(viewer)) return PUBLISH_DENIED;
  return inTransaction(db, (tx) => withdraw(tx, slug, reason, actorOf(viewer, meta.address)));
}
