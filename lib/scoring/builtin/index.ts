import { loadSystem } from '../system';
import type { System } from '../types';
import julu2021 from './julu-2021.json';

/** System documents shipped with the product, by id. */
export const BUILTIN_SYSTEM_DOCUMENTS: Record<string, unknown> = { 'julu-2021': julu2021 };

const loaded = new Map<string, System>();

export function builtinSystem(id: string): System | null {
  const doc = BUILTIN_SYSTEM_DOCUMENTS[id];
  if (!doc) return null;
  let system = loaded.get(id);
  if (!system) {
    system = loadSystem(doc).system;
    loaded.set(id, system);
  }
  return system;
}
