'use client';
import { useT } from '@/app/i18n/client';
import type { ExplanationView } from '@/app/lib/views/types';
import { InputList } from './InputList';

/** The engine's explanation of one score, as a definition list. Used by the dialog and the weak list. */
export function ExplanationDetails({ e, showHeading = false }: { e: ExplanationView; showHeading?: boolean }) {
  const t = useT();
  return (
    <>
      {showHeading ? (
        <p className="muted">
          {e.indicator.level1Name}
          {e.indicator.level2Name ? ` › ${e.indicator.level2Name}` : ''}
        </p>
      ) : null}
      <dl className="explain-list">
        <dt>{t('score')}</dt>
        <dd>
          <strong>{e.score}</strong> / {e.indicator.weight}
          {t('paren', { x: t(`leafStatus.${e.status}`) })}
          {e.pointsLost !== '0.00' ? (
            <>
              {' '}
              · {t('pointsLost')} <span className="status-bad">{e.pointsLost}</span>
            </>
          ) : null}
        </dd>
        <dt>{t('rule')}</dt>
        <dd>{e.ruleText}</dd>
        {e.inputs.length ? (
          <>
            <dt>{t('inputs')}</dt>
            <dd>
              <InputList t={t} inputs={e.inputs} />
            </dd>
          </>
        ) : null}
        {e.valueText ? (
          <>
            <dt>{t('value')}</dt>
            <dd>
              {e.valueText}
              {e.band ? t('paren', { x: t(`band.${e.band}`) }) : ''}
            </dd>
          </>
        ) : null}
        {e.full ? (
          <>
            <dt>
              {t('fullLine')} / {t('zeroLine')}
            </dt>
            <dd>
              {e.full} / {e.zero}
            </dd>
          </>
        ) : null}
        {e.basis ? (
          <>
            <dt>{t('basis')}</dt>
            <dd>
              {t(`basis.${e.basis}`)}
              {e.min && e.max ? ` · ${t('cohortMinUsed')} ${e.min} · ${t('cohortMaxUsed')} ${e.max}` : ''}
              {e.qualifying !== null ? t('paren', { x: t('qualifyingValues', { n: e.qualifying }) }) : ''}
            </dd>
          </>
        ) : null}
        {e.sets ? (
          <>
            <dt>{t('setsScale')}</dt>
            <dd data-testid="sets-scale">{e.sets}</dd>
          </>
        ) : null}
        <dt>{t('formula')}</dt>
        <dd>
          <span className="formula">{e.formula}</span>
          {e.capped ? <span className="muted">{t('paren', { x: t('capped') })}</span> : null}
        </dd>
        <dt>{t('target')}</dt>
        <dd className="target">{e.target}</dd>
        {e.self !== null ? (
          <>
            <dt>{t('selfScore')}</dt>
            <dd>
              {e.self}
              {e.selfDiff && e.selfDiff !== '0.00' ? (
                <span className={e.selfDiff.startsWith('+') ? 'status-bad' : 'status-ok'}>{t('paren', { x: e.selfDiff })}</span>
              ) : null}
            </dd>
          </>
        ) : null}
      </dl>
    </>
  );
}
