'use client';
import { useMemo, useState } from 'react';
import { useT } from '@/app/i18n/client';

/**
 * Units to pick, grouped, with "select all" per group. The choice travels as one hidden field of
 * comma-joined codes (a form's repeated fields would reach the server as only the last one).
 */
export function CodeChecklist({ name, options, testId }: { name: string; options: { code: string; name: string; group?: string }[]; testId?: string }) {
  const t = useT();
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const groups = useMemo(() => {
    const out = new Map<string, typeof options>();
    for (const o of options) out.set(o.group ?? '', [...(out.get(o.group ?? '') ?? []), o]);
    return [...out.entries()];
  }, [options]);
  const toggle = (codes: string[], on: boolean) =>
    setPicked((prev) => {
      const next = new Set(prev);
      for (const c of codes) if (on) next.add(c);
      else next.delete(c);
      return next;
    });
  return (
    <div className="code-checklist" data-testid={testId}>
      <input type="hidden" name={name} value={[...picked].join(',')} />
      {groups.map(([group, list]) => (
        <fieldset key={group}>
          <legend>
            <label>
              <input type="checkbox" checked={list.every((o) => picked.has(o.code))} onChange={(e) => toggle(list.map((o) => o.code), e.target.checked)} />{' '}
              {group ? <span data-name="">{group}</span> : t('allUnits')}
              {t('paren', { x: list.length })}
            </label>
          </legend>
          {list.map((o) => (
            <label key={o.code} className="check">
              <input type="checkbox" value={o.code} checked={picked.has(o.code)} onChange={(e) => toggle([o.code], e.target.checked)} /> {o.name}
              <span className="muted"> {o.code}</span>
            </label>
          ))}
        </fieldset>
      ))}
      <p className="muted">{t('pickedN', { n: picked.size })}</p>
    </div>
  );
}
