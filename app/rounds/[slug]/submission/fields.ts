import { formColumns } from '@/lib/interchange/form';
import { indexSystem, type System } from '@/lib/scoring';
import type { FormField, FormSection } from './form-shape';

/** The submission form's fields, built from the round's system: labels, hints and input kinds. */

export function formSections(system: System): FormSection[] {
  const idx = indexSystem(system);
  const sections = new Map<FormSection['kind'], FormField[]>();
  for (const c of formColumns(system)) {
    const kind = c.kind as FormSection['kind'];
    let field: FormField;
    if (c.kind === 'input') {
      const info = system.fields[c.key];
      field = {
        key: c.key,
        label: c.header,
        ...(info?.description ? { hint: info.description } : {}),
        control: { type: 'number', ...(info?.positive || info?.integer ? { min: '0' } : {}), step: info?.integer ? '1' : 'any' },
        required: true,
      };
    } else if (c.kind === 'checklist') {
      const leaf = idx.byCode.get(c.leaf!)?.leaf;
      const item = leaf?.rule.kind === 'checklist' ? leaf.rule.items[c.item! - 1] : undefined;
      field = { key: c.key, label: c.header, ...(item ? { hint: item } : {}), control: { type: 'select', options: ['是', '否'] }, required: true };
    } else if (c.kind === 'grade') {
      const leaf = idx.byCode.get(c.leaf!)?.leaf;
      const options = leaf?.rule.kind === 'grade' ? leaf.rule.grades.map((g) => g.label) : [];
      field = { key: c.key, label: c.header, control: { type: 'select', options }, required: true };
    } else if (c.kind === 'judgement') {
      const leaf = idx.byCode.get(c.leaf!)?.leaf;
      const points = leaf?.rule.kind === 'judgement' ? leaf.rule.points.join('；') : undefined;
      field = { key: c.key, label: c.header, ...(points ? { hint: points } : {}), control: { type: 'number', min: '0', max: leaf?.weight.toFixed(), step: '0.1' }, required: true };
    } else {
      field = { key: c.key, label: c.header, control: { type: 'number', min: '0', step: 'any' }, required: false };
    }
    if (!sections.has(kind)) sections.set(kind, []);
    sections.get(kind)!.push(field);
  }
  return [...sections.entries()].map(([kind, fields]) => ({ kind, fields }));
}
