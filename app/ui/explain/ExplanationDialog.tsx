'use client';
import { useEffect, useRef, useState } from 'react';
import { useT } from '@/app/i18n/client';
import type { ExplanationView } from '@/app/lib/views/types';
import { ExplanationDetails } from './ExplanationDetails';

export interface ExplainTarget {
  department: string;
  departmentName: string;
  indicator: string;
  indicatorName: string;
}

type Loaded = { key: string; view: ExplanationView } | { key: string; error: string };

/**
 * A modal <dialog>: the browser traps focus, closes on Escape and returns focus to the cell that
 * opened it. The explanation is fetched on open, so a large round does not ship every one of them.
 */
export function ExplanationDialog({ slug, target, onClose }: { slug: string; target: ExplainTarget | null; onClose: () => void }) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const key = target ? `${target.department}|${target.indicator}` : '';

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (target && !dialog.open) dialog.showModal();
    if (!target && dialog.open) dialog.close();
  }, [target]);

  useEffect(() => {
    if (!target) return;
    let live = true;
    const q = new URLSearchParams({ department: target.department, indicator: target.indicator });
    fetch(`/rounds/${encodeURIComponent(slug)}/explain?${q}`)
      .then(async (r) => {
        const body = await r.json();
        if (!live) return;
        setLoaded(r.ok ? { key, view: body as ExplanationView } : { key, error: (body as { error?: string }).error ?? `HTTP ${r.status}` });
      })
      .catch((e: unknown) => live && setLoaded({ key, error: e instanceof Error ? e.message : String(e) }));
    return () => {
      live = false;
    };
  }, [slug, target, key]);

  const current = loaded && loaded.key === key ? loaded : null;
  return (
    <dialog ref={ref} className="explain" onClose={onClose} aria-labelledby="explain-title" data-testid="explain-dialog">
      <header>
        <h2 id="explain-title">
          {target ? `${target.departmentName} · ${target.indicatorName}` : t('explanation')}
        </h2>
        <button type="button" className="button secondary" onClick={() => ref.current?.close()} autoFocus>
          {t('close')}
        </button>
      </header>
      <div className="body" aria-live="polite">
        {!current ? <p className="muted">{t('loading')}</p> : 'error' in current ? <p className="status-bad">{current.error}</p> : <ExplanationDetails e={current.view} showHeading />}
      </div>
    </dialog>
  );
}
