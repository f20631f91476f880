'use client';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition } from 'react';
import { useT } from '@/app/i18n/client';
import type { WhatIfField } from '@/app/lib/views/types';

const DEBOUNCE_MS = 350;
const KINDS: WhatIfField['kind'][] = ['input', 'checklist', 'grade'];

/**
 * The values to try. Every change rewrites the page's URL (only the values that differ from the
 * submission), and the server scores it: the link is the what-if, so it can be shared.
 */
export function WhatIfForm({ fields, problemKeys }: { fields: WhatIfField[]; problemKeys: string[] }) {
  const t = useT();
  const router = useRouter();
  const pathname = usePathname();
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(fields.map((f) => [f.key, f.value])));
  const [pending, startTransition] = useTransition();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => (timer.current ? clearTimeout(timer.current) : undefined), []);

  const push = (next: Record<string, string>, delay: number) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const query = new URLSearchParams();
      for (const f of fields) if (next[f.key] !== f.stored) query.set(f.key, next[f.key]!);
      const qs = query.toString();
      startTransition(() => router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false }));
    }, delay);
  };
  const set = (key: string, value: string, delay: number) => {
    const next = { ...values, [key]: value };
    setValues(next);
    push(next, delay);
  };

  return (
    <form className="whatif-form" data-testid="whatif-form" onSubmit={(e) => e.preventDefault()} aria-describedby="whatif-status">
      {KINDS.map((kind) => {
        const list = fields.filter((f) => f.kind === kind);
        if (!list.length) return null;
        // The many checklist items fold away until one of them is tried.
        const open = kind !== 'checklist' || list.some((f) => values[f.key] !== f.stored || problemKeys.includes(f.key));
        return (
          <details key={kind} open={open} className="whatif-section">
            <summary>{t(`whatIfSection.${kind}`)}</summary>
            <div className="whatif-grid">
              {list.map((f) => {
                const changed = values[f.key] !== f.stored;
                const id = `whatif-${f.key}`;
                const invalid = problemKeys.includes(f.key);
                return (
                  <div key={f.key} className={`field${changed ? ' changed' : ''}`} title={f.hint}>
                    <label htmlFor={id}>{f.label}</label>
                    {kind === 'input' ? (
                      <input
                        id={id}
                        name={f.key}
                        type="text"
                        inputMode="decimal"
                        autoComplete="off"
                        value={values[f.key]}
                        aria-invalid={invalid || undefined}
                        onChange={(e) => set(f.key, e.target.value, DEBOUNCE_MS)}
                      />
                    ) : (
                      <select id={id} name={f.key} value={values[f.key]} aria-invalid={invalid || undefined} onChange={(e) => set(f.key, e.target.value, 0)}>
                        {(kind === 'checklist' ? ['1', '0'] : (f.options ?? [])).map((o) => (
                          <option key={o} value={o}>
                            {kind === 'checklist' ? (o === '1' ? t('yes') : t('no')) : o}
                          </option>
                        ))}
                      </select>
                    )}
                    {changed ? <span className="stored">{t('whatIfStored', { v: kind === 'checklist' ? (f.stored === '1' ? t('yes') : t('no')) : f.stored })}</span> : null}
                  </div>
                );
              })}
            </div>
          </details>
        );
      })}
      <div style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap', marginTop: 12 }}>
        <Link
          className="button secondary"
          href={pathname}
          scroll={false}
          onClick={() => setValues(Object.fromEntries(fields.map((f) => [f.key, f.stored])))}
          data-testid="whatif-reset"
        >
          {t('whatIfReset')}
        </Link>
        <span id="whatif-status" role="status" aria-live="polite" className="muted">
          {pending ? t('whatIfUpdating') : ''}
        </span>
      </div>
    </form>
  );
}
