import type { Translate } from '@/app/i18n';
import { BUREAU, type DepartmentEvaluation } from '@/app/lib/services/evaluation';

/**
 * A department's judgement leaves as the bureau sees them: the self-score, each reviewer's score
 * and comment, the combined score and the spread (flagged above the round's threshold).
 */
export function EvaluationTable({ t, ev }: { t: Translate; ev: DepartmentEvaluation }) {
  const evaluators = ev.panel.length ? ev.panel.map((n) => ({ key: n, label: n })) : [{ key: BUREAU, label: t('bureau') }];
  return (
    <div className="table-scroll">
      <table className="data" data-testid="evaluation-table">
        <caption className="visually-hidden">{t('evaluationTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('indicator')}</th>
            <th scope="col" className="num">
              {t('selfScore')}
            </th>
            {evaluators.map((e) => (
              <th key={e.key} scope="col">
                {e.label}
              </th>
            ))}
            <th scope="col" className="num">
              {t('combinedScore')}
            </th>
            {ev.panel.length ? (
              <th scope="col" className="num">
                {t('spread')}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {ev.leaves.map((l) => (
            <tr key={l.code}>
              <th scope="row">
                {l.name}
                <span className="weight">{t('weightLabel', { w: l.weight })}</span>
              </th>
              <td className="num">{l.self ?? '—'}</td>
              {evaluators.map((e) => {
                const s = l.scores.find((x) => x.by === e.key);
                return (
                  <td key={e.key}>
                    {s ? (
                      <>
                        <strong>{s.score}</strong>
                        {s.comment ? <div className="muted">{s.comment}</div> : null}
                      </>
                    ) : (
                      <span className="badge pending">{t('status.pending')}</span>
                    )}
                  </td>
                );
              })}
              <td className="num">{l.combined ? <strong>{l.combined}</strong> : <span className="badge pending">{t('status.pending')}</span>}</td>
              {ev.panel.length ? (
                <td className="num">
                  {l.spread ?? '—'}
                  {l.flagged ? <span className="badge flag">{t('spreadFlag')}</span> : null}
                  {l.trimmed ? <div className="muted">{t('trimmedNote')}</div> : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
