import type { System } from '@/lib/scoring';
import { tableColumns, type TableColumn } from './table';

/**
 * The web form's columns: the table form of spec §6 without the identity columns, which the account
 * fixes, and without the evaluators' judgement columns — a department gives its own figure for a
 * judgement leaf as a self-score (spec §7); the evaluation is the bureau's or the panel's.
 */
export function formColumns(system: System): TableColumn[] {
  return tableColumns(system).filter((c) => c.kind !== 'identity' && c.kind !== 'judgement');
}
