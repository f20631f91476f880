import { metricFields } from './metric';
import { ruleMaxScore } from './rules';
import type { Branch, IndicatorNode, Leaf, LeafInfo, System } from './types';

/** A flat view of a system tree, computed once per system object. */
export interface SystemIndex {
  leaves: LeafInfo[];
  byCode: Map<string, LeafInfo>;
  level1: Branch[];
  /** Second-level nodes, in tree order, with their level-1 parent code. */
  level2: { node: Branch; level1: string }[];
  /** Input fields the rules read, in the order the leaves first use them. */
  inputFields: string[];
  checklistLeaves: LeafInfo[];
  gradeLeaves: LeafInfo[];
  judgementLeaves: LeafInfo[];
}

const cache = new WeakMap<System, SystemIndex>();

function isBranch(n: IndicatorNode): n is Branch {
  return 'children' in n;
}

export function indexSystem(system: System): SystemIndex {
  const hit = cache.get(system);
  if (hit) return hit;
  const leaves: LeafInfo[] = [];
  const level2: SystemIndex['level2'] = [];
  const walk = (node: IndicatorNode, level1: string, level2Code: string | null) => {
    if (!isBranch(node)) {
      const leaf = node as Leaf;
      leaves.push({ leaf, level1, level2: level2Code, maxAttainable: ruleMaxScore(leaf.rule, leaf.weight) });
      return;
    }
    for (const child of node.children) {
      if (level2Code === null && isBranch(child)) level2.push({ node: child, level1 });
      walk(child, level1, level2Code ?? (isBranch(child) ? child.code : null));
    }
  };
  for (const l1 of system.indicators) walk(l1, l1.code, null);

  const inputFields: string[] = [];
  for (const { leaf } of leaves) {
    if (leaf.rule.kind !== 'banded' && leaf.rule.kind !== 'proportional') continue;
    for (const f of metricFields(leaf.rule.metric)) if (!inputFields.includes(f)) inputFields.push(f);
  }
  const ofKind = (k: string) => leaves.filter((l) => l.leaf.rule.kind === k);
  const index: SystemIndex = {
    leaves,
    byCode: new Map(leaves.map((l) => [l.leaf.code, l])),
    level1: system.indicators,
    level2,
    inputFields,
    checklistLeaves: ofKind('checklist'),
    gradeLeaves: ofKind('grade'),
    judgementLeaves: ofKind('judgement'),
  };
  cache.set(system, index);
  return index;
}
