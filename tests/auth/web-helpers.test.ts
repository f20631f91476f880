import { describe, expect, it } from 'vitest';
import { builtinSystem, indexSystem } from '@/lib/scoring';
import { auditHref, parseAuditQuery } from '@/app/admin/audit/filter';
import { safeNext } from '@/app/lib/auth/redirect';
import { formSections } from '@/app/rounds/[slug]/submission/fields';
import { cellsOf } from '@/app/rounds/[slug]/submission/form-shape';

const system = builtinSystem('julu-2021')!;

describe('the page a login returns to', () => {
  it('is the page that sent the visitor, when it is on this site', () => {
    expect(safeNext('/rounds/2021/submission')).toBe('/rounds/2021/submission');
  });

  it('is home for anything that could lead off the site or back to the login', () => {
    for (const bad of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', '/login?next=/x', undefined, 42]) expect(safeNext(bad)).toBe('/');
  });
});

describe('the submission form', () => {
  const sections = formSections(system);

  it('asks for every column of the import template except the unit’s identity and the evaluators’ scores', () => {
    const keys = sections.flatMap((s) => s.fields.map((f) => f.key));
    expect(keys).not.toContain('code');
    expect(keys).not.toContain('group');
    expect(keys).toContain('budget');
    // A judgement leaf is the evaluators' (spec §7): the department gives only its self-score.
    expect(keys).not.toContain('duty_completion');
    expect(keys).toContain('self.duty_completion');
    expect(keys).toContain('self.total');
    expect(sections.map((s) => s.kind)).toEqual(['input', 'checklist', 'grade', 'self']);
  });

  it('offers 是/否 for checklist items with the item’s text, and the grades of a grade indicator', () => {
    const checklist = sections.find((s) => s.kind === 'checklist')!.fields[0]!;
    expect(checklist.control).toEqual({ type: 'select', options: ['是', '否'] });
    expect(checklist.hint).toBeTruthy();
    const grade = sections.find((s) => s.kind === 'grade')!.fields[0]!;
    expect(grade.control).toEqual({ type: 'select', options: ['优秀', '良好', '合格', '不合格'] });
  });

  it('has a self-score field for every leaf and the total (a draft may leave them empty; submitting checks them on the server)', () => {
    const self = sections.find((s) => s.kind === 'self')!.fields.map((f) => f.key);
    expect(self).toEqual([...indexSystem(system).leaves.map((l) => `self.${l.leaf.code}`), 'self.total']);
    expect(sections.find((s) => s.kind === 'self')!.fields.every((f) => !f.required)).toBe(true);
  });

  it('takes back only the form’s `v.` fields, as text', () => {
    expect(cellsOf({ 'v.budget': '12', code: 'other', slug: '2021', 'v.x': 3 })).toEqual({ budget: '12' });
  });
});

describe('the audit filter in the URL', () => {
  it('reads a shared link back into the same filter, dates as whole China-time days', () => {
    const { query, filter } = parseAuditQuery({ actor: 'admin', action: 'review.adjust', from: '2024-03-01', to: '2024-03-01', page: '2' });
    expect(filter).toEqual({
      actor: 'admin',
      action: 'review.adjust',
      from: new Date('2024-02-29T16:00:00Z'),
      to: new Date('2024-03-01T16:00:00Z'),
      page: 2,
    });
    expect(auditHref(query, 3)).toBe('/admin/audit?actor=admin&action=review.adjust&from=2024-03-01&to=2024-03-01&page=3');
  });

  it('drops what it cannot read instead of failing the page', () => {
    expect(parseAuditQuery({ action: 'drop table', from: 'yesterday', page: '-1' }).filter).toEqual({ page: 1 });
  });
});
