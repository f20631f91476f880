'use client';
import Link from 'next/link';
import { startTransition, useActionState, useState } from 'react';
import { useT } from '@/app/i18n/client';
import { createRoundAction } from './actions';

/**
 * What a new round is called and grouped by unless the bureau types otherwise: data, so Chinese
 * whatever the page's language (the name is printed on every page and export of the round).
 */
const defaultName = (year: number) => `${year}年度部门整体支出绩效评价`;
const DEFAULT_GROUPS = '乡镇、县直部门';

interface Preview {
  errors?: string[];
  warnings?: string[];
  summary?: { id: string; name: string; total: string; level1: number; leaves: number; judgementLeaves: number; interpolation: string } | null;
  needsAck?: boolean;
  slug?: string;
}

/** 新建评价轮次: name, year, system (built-in or an uploaded system@1 file), policy, groups, deadline, panel rule. */
export function NewRoundForm({ builtins, year }: { builtins: { id: string; name: string }[]; year: number }) {
  const t = useT();
  const [state, action, pending] = useActionState(createRoundAction, null);
  const [source, setSource] = useState<'builtin' | 'file'>('builtin');
  const data = (state?.data ?? {}) as Preview;
  return (
    <form
      className="stack-form"
      data-testid="new-round-form"
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        startTransition(() => action(fd));
      }}
    >
      <div className="form-grid">
        <label>
          <span>{t('roundSlug')}</span>
          <input name="slug" type="text" required defaultValue={String(year)} pattern="[A-Za-z0-9][A-Za-z0-9_-]*" maxLength={64} />
          <small>{t('roundSlugHint')}</small>
        </label>
        <label>
          <span>{t('roundName')}</span>
          <input name="name" type="text" required defaultValue={defaultName(year)} maxLength={100} />
        </label>
        <label>
          <span>{t('year')}</span>
          <input name="year" type="number" required defaultValue={year} min={1900} max={9999} />
        </label>
        <label>
          <span>{t('deadline')}</span>
          <input name="deadline" type="date" />
        </label>
      </div>
      <fieldset className="form-section">
        <legend>{t('systemLabel')}</legend>
        <label className="check">
          <input type="radio" name="systemSource" value="builtin" checked={source === 'builtin'} onChange={() => setSource('builtin')} /> {t('builtinSystem')}
        </label>
        {source === 'builtin' ? (
          <select name="builtin" defaultValue={builtins[0]?.id}>
            {builtins.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
                {t('paren', { x: b.id })}
              </option>
            ))}
          </select>
        ) : null}
        <label className="check">
          <input type="radio" name="systemSource" value="file" checked={source === 'file'} onChange={() => setSource('file')} /> {t('uploadSystem')}
        </label>
        {source === 'file' ? <input name="systemFile" type="file" accept=".json,application/json" required data-testid="system-file" /> : null}
      </fieldset>
      <div className="form-grid">
        <label>
          <span>{t('policyLabel')}</span>
          <select name="policy" defaultValue="system">
            <option value="system">{t('policyFromSystem')}</option>
            <option value="cohort-in-band">{t('policy.cohort-in-band')}</option>
            <option value="cohort-all">{t('policy.cohort-all')}</option>
            <option value="thresholds">{t('policy.thresholds')}</option>
          </select>
        </label>
        <label>
          <span>{t('groupsTitle')}</span>
          <input name="groups" type="text" required defaultValue={DEFAULT_GROUPS} maxLength={2000} />
          <small>{t('newGroupsHint')}</small>
        </label>
        <label>
          <span>{t('panelRuleLabel')}</span>
          <select name="panelRule" defaultValue="mean">
            <option value="mean">{t('panelRule.mean')}</option>
            <option value="trimmed-mean">{t('panelRule.trimmed-mean')}</option>
          </select>
        </label>
        <label>
          <span>{t('spreadThreshold')}</span>
          <input name="spreadThreshold" type="text" inputMode="decimal" placeholder={t('spreadThresholdHint')} />
        </label>
      </div>
      <div aria-live="polite" data-testid="new-round-result">
        {data.summary ? (
          <p className="muted">
            {t('systemSummary', { name: data.summary.name, id: data.summary.id, total: data.summary.total, level1: data.summary.level1, leaves: data.summary.leaves, judgement: data.summary.judgementLeaves })}
          </p>
        ) : null}
        {data.errors?.length ? (
          <ul className="problem-list" role="alert" data-testid="system-errors">
            {data.errors.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        ) : null}
        {data.warnings?.length ? (
          <div className="note" data-testid="system-warnings">
            <strong>{t('systemWarnings')}</strong>
            <ul>
              {data.warnings.map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
            {data.needsAck ? (
              <label className="check">
                <input type="checkbox" name="acknowledged" value="1" required /> {t('acknowledgeWarnings')}
              </label>
            ) : null}
          </div>
        ) : null}
        {state ? <p className={state.ok ? 'auth-ok' : 'auth-error'}>{state.message}</p> : null}
        {state?.ok && data.slug ? (
          <p>
            <Link className="button" href={`/rounds/${encodeURIComponent(data.slug)}/manage`} data-testid="go-manage">
              {t('goToRound')}
            </Link>
          </p>
        ) : null}
      </div>
      <div className="button-row">
        <button type="submit" className="button" disabled={pending}>
          {t('createRound')}
        </button>
      </div>
    </form>
  );
}
