import type { Locale, Translate } from '@/app/i18n';
import { tableColumns } from '@/lib/interchange/table';
import { indexSystem, type System } from '@/lib/scoring';

/**
 * What a page calls each column of a round's table (an input field, a checklist point, a grade,
 * an evaluation, a self-score): in Chinese exactly the xlsx template's header, which the clerk
 * knows from the file; in English the same names (data) with English words around them.
 */
export function columnLabels(system: System, locale: Locale, t: Translate): Map<string, string> {
  const columns = tableColumns(system);
  if (locale !== 'en') return new Map(columns.map((c) => [c.key, c.header]));
  const idx = indexSystem(system);
  const leaf = (code: string | undefined) => (code ? (idx.byCode.get(code)?.leaf.name ?? code) : '');
  return new Map(
    columns.map((c) => {
      switch (c.kind) {
        case 'identity':
          return [c.key, c.key === 'code' ? t('codeCol') : c.key === 'name' ? t('department') : t('group')];
        case 'input': {
          const info = system.fields[c.key];
          return [c.key, `${info?.name ?? c.key}${info?.unit ? t('paren', { x: info.unit }) : ''}`];
        }
        case 'checklist':
          return [c.key, t('columnChecklist', { leaf: leaf(c.leaf), n: c.item ?? '' })];
        case 'grade':
          return [c.key, t('columnGrade', { leaf: leaf(c.leaf) })];
        case 'judgement':
          return [c.key, t('columnJudgement', { leaf: leaf(c.leaf), w: idx.byCode.get(c.leaf!)?.leaf.weight.toFixed() ?? '' })];
        default:
          return [c.key, c.leaf ? t('columnSelf', { leaf: leaf(c.leaf) }) : t('selfTotal')];
      }
    }),
  );
}

/** The form's sections with their fields' labels in the viewer's language. */
export function relabel<S extends { fields: { key: string; label: string }[] }>(sections: S[], labels: Map<string, string>): S[] {
  return sections.map((s) => ({ ...s, fields: s.fields.map((f) => ({ ...f, label: labels.get(f.key) ?? f.label })) }));
}
