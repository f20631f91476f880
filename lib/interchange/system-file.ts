import { BUILTIN_SYSTEM_DOCUMENTS, builtinSystem, indexSystem, parseSystem, type Policy, type System } from '@/lib/scoring';

/** An indicator system as the admin chose it for a new round: a built-in id, or the text of an uploaded system@1 file. */

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

