import { isMessageKey, type Locale, type Translate } from '@/app/i18n';
import type { Formats } from '@/app/i18n/format';
import { indexSystem, type System } from '@/lib/scoring';
import { columnLabels } from './column-label';

/**
 * An audit entry as a clerk reads it: the action in words, units by name beside their code, and
 * the values before and after under the names of the fields they are (预算数（万元）, 理由, 状态…),
 * never as storage keys (`values.budget`, `snapshotId`). Ids that mean nothing to a reader are left
 * out; the raw entry stays in the database.
 */

/** What the page knows beside the log: names of units and rounds, and each round's system for field names. */
export interface AuditContext {
  units: Map<string, string>;
  rounds: Map<string, { name: string; system: System | null }>;
  /** The bureau's own name as evaluator (stored as data); shown in the viewer's language. */
  bureau: string;
}

export interface AuditRowIn {
  id: number;
  createdAt: Date;
  actor: string;
  action: string;
  roundSlug: string | null;
  departmentCode: string | null;
  targetUsername: string | null;
  before: unknown;
  after: unknown;
  address: string | null;
}

/** One line of a before/after column; `data` marks a value that comes from data (a name, a comment, a reason). */
export interface AuditLine {
  label: string;
  value: string;
  data?: boolean;
}

export interface AuditEntryView {
  id: number;
  /** The stored action (`review.accept`): for filters and tests, never shown. */
  code: string;
  at: string;
  actor: string;
  address: string | null;
  action: string;
  round: string | null;
  unit: string | null;
  user: string | null;
  before: AuditLine[];
  after: AuditLine[];
}

/** Row ids and internal versions: kept in the database, meaningless on the page. */
const HIDDEN = new Set(['snapshotId', 'batchId', 'systemVersionId', 'submissionId']);

/** Maps keyed by unit code (import versions, enrolment groups): beyond this many, a count. */
const LISTED = 12;

type Ctx = { t: Translate; f: Formats; c: AuditContext; action: string; system: System | null; labels: Map<string, string> };

export function auditEntryView(row: AuditRowIn, c: AuditContext, t: Translate, f: Formats, locale: Locale): AuditEntryView {
  const round = row.roundSlug ? c.rounds.get(row.roundSlug) : undefined;
  const system = round?.system ?? null;
  const ctx: Ctx = { t, f, c, action: row.action, system, labels: system ? labelsOf(system, locale, t) : new Map() };
  const actionKey = `action.${row.action}`;
  return {
    id: row.id,
    code: row.action,
    at: f.dateTime(row.createdAt),
    actor: row.actor,
    address: row.address,
    action: isMessageKey(actionKey) ? t(actionKey) : row.action,
    round: row.roundSlug ? (round?.name ?? row.roundSlug) : null,
    unit: row.departmentCode ? unitName(row.departmentCode, c, t) : null,
    user: row.targetUsername,
    before: lines(row.before, ctx),
    after: lines(row.after, ctx),
  };
}

function unitName(code: string, c: AuditContext, t: Translate): string {
  const name = c.units.get(code);
  return name ? `${name}${t('paren', { x: code })}` : code;
}

function lines(v: unknown, ctx: Ctx): AuditLine[] {
  if (v === null || v === undefined || typeof v !== 'object' || Array.isArray(v)) return v === null || v === undefined ? [] : [{ label: ctx.t('auditField.value'), value: plain(v, ctx) }];
  return Object.entries(v as Record<string, unknown>).flatMap(([k, x]) => field(k, x, ctx));
}

function label(key: string, t: Translate): string {
  const k = `auditField.${key}`;
  return isMessageKey(k) ? t(k) : key;
}

function field(key: string, v: unknown, ctx: Ctx): AuditLine[] {
  const { t, c } = ctx;
  if (HIDDEN.has(key)) return [];
  const l = label(key, t);
  if (v === null || v === undefined) return [{ label: l, value: '—' }];
  switch (key) {
    case 'values':
      // Submitted figures and evaluations, each under its template header (the clerk's name for it).
      return Object.entries(v as Record<string, unknown>).map(([k, x]) => ({ label: ctx.labels.get(k) ?? leafName(k, ctx) ?? k, value: plain(x, ctx), data: true }));
    case 'comments':
      return Object.entries(v as Record<string, unknown>).map(([k, x]) => ({ label: `${l} · ${leafName(k, ctx) ?? k}`, value: plain(x, ctx), data: true }));
    case 'versions':
    case 'added': {
      // code → version (an import) or code → group (an enrolment).
      const entries = Object.entries(v as Record<string, unknown>);
      if (entries.length > LISTED) return [{ label: l, value: t('auditUnits', { n: entries.length }) }];
      return entries.map(([code, x]) => ({ label: unitName(code, c, t), value: key === 'versions' ? t('versionN', { n: String(x) }) : plain(x, ctx), data: true }));
    }
    case 'newDepartments':
    case 'alreadyEnrolled':
    case 'assigned':
    case 'unassigned':
    case 'department':
      if (typeof v === 'number') return [{ label: l, value: String(v) }];
      {
        const codes = (Array.isArray(v) ? v : [v]).map(String);
        if (codes.length === 0) return [{ label: l, value: '—' }];
        return [{ label: l, value: codes.length > LISTED ? t('auditUnits', { n: codes.length }) : codes.map((x) => unitName(x, c, t)).join(t('listSep')), data: true }];
      }
    case 'status':
      return [{ label: l, value: known(`${ctx.action.startsWith('round.') ? 'roundStatus' : 'submission'}.${String(v)}`, String(v), t) }];
    case 'role':
      return [{ label: l, value: known(`role.${String(v)}`, String(v), t) }];
    case 'policy':
      return [{ label: l, value: known(`policy.${String(v)}`, String(v), t) }];
    case 'panelRule':
      return [{ label: l, value: known(`panelRule.${String(v)}`, String(v), t) }];
    case 'source': {
      // 'copy:<round>', 'master' or 'file:<name>'
      const [how, ...rest] = String(v).split(':');
      const what = rest.join(':');
      return [{ label: l, value: `${known(`auditVia.${how}`, how!, t)}${what ? t('paren', { x: what }) : ''}`, data: Boolean(what) }];
    }
    case 'via':
      return [{ label: l, value: known(`auditVia.${String(v)}`, String(v), t) }];
    case 'scope':
      // Which key of the sign-in throttle held (lib/auth/rate-limit).
      return [{ label: l, value: known(`auditScope.${String(v)}`, String(v), t) }];
    case 'evaluator':
      return [{ label: l, value: v === c.bureau ? t('bureau') : String(v), data: v !== c.bureau }];
    case 'deadline':
      return [{ label: l, value: typeof v === 'string' ? ctx.f.date(v) : plain(v, ctx) }];
    case 'comment':
    case 'reason':
    case 'name':
    case 'file':
    case 'groups':
    case 'group':
    case 'copiedFrom':
    case 'warnings':
      return [{ label: l, value: plain(v, ctx), data: true }];
    default:
      if (typeof v === 'object' && !Array.isArray(v)) return Object.entries(v as Record<string, unknown>).flatMap(([k, x]) => field(k, x, ctx));
      return [{ label: l, value: plain(v, ctx) }];
  }
}

const labelCache = new WeakMap<System, Map<Locale, Map<string, string>>>();
function labelsOf(system: System, locale: Locale, t: Translate): Map<string, string> {
  let byLocale = labelCache.get(system);
  if (!byLocale) labelCache.set(system, (byLocale = new Map()));
  let labels = byLocale.get(locale);
  if (!labels) byLocale.set(locale, (labels = columnLabels(system, locale, t)));
  return labels;
}

function leafName(code: string, ctx: Ctx): string | null {
  return ctx.system ? (indexSystem(ctx.system).byCode.get(code)?.leaf.name ?? null) : null;
}

function plain(v: unknown, ctx: Ctx): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return v ? ctx.t('yes') : ctx.t('no');
  if (Array.isArray(v)) return v.map((x) => plain(x, ctx)).join(ctx.t('listSep'));
  if (typeof v === 'object') return Object.entries(v as Record<string, unknown>).map(([k, x]) => `${label(k, ctx.t)} ${plain(x, ctx)}`).join(ctx.t('listSep'));
  return String(v);
}

/** A stored code's words when the dictionary has them, else the code as stored. */
const known = (key: string, raw: string, t: Translate) => (isMessageKey(key) ? t(key) : raw);
