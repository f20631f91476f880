import type { Translate } from '@/app/i18n';
import type { TreeRow } from '@/app/lib/views/types';
import { InputList } from '../explain/InputList';

const diffClass = (s: TreeRow['selfDiffSign']) => (s === 1 ? 'diff-pos' : s === -1 ? 'diff-neg' : undefined);

/**
 * The 评分表: level-1 → level-2 → leaf, with the rule, the raw values, the score and the
 * self-score. `compact`: scores and self-scores only (the review page, beside the submitted figures).
 */
export function ScoreTree({ t, rows, compact = false, testId = 'score-tree' }: { t: Translate; rows: TreeRow[]; compact?: boolean; testId?: string }) {
  const detail = !compact;
  return (
    <div className="table-scroll">
      <table className="data" data-testid={testId}>
        <caption className="visually-hidden">{t('indicatorTree')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('indicator')}</th>
            <th scope="col" className="num">{t('weight')}</th>
            {detail ? (
              <>
                <th scope="col">{t('rule')}</th>
                <th scope="col">{t('inputs')}</th>
                <th scope="col" className="num">{t('value')}</th>
              </>
            ) : null}
            <th scope="col" className="num">{t('score')}</th>
            {detail ? <th scope="col" className="num">{t('scoreRate')}</th> : null}
            <th scope="col">{t('status')}</th>
            <th scope="col" className="num">{t('selfScore')}</th>
            <th scope="col" className="num" title={t('selfDiffHint')}>
              {t('selfDiff')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) =>
            r.level < 3 ? (
              <tr key={r.code} className={`level-${r.level}`}>
                <th scope="row" data-name="">
                  {r.name}
                </th>
                <td className="num">{r.weight}</td>
                {detail ? <td colSpan={3} /> : null}
                <td className="num">{r.score}</td>
                {detail ? <td className="num">{r.rateText}</td> : null}
                <td colSpan={3} />
              </tr>
            ) : (
              <tr key={r.code} id={detail ? `leaf-${r.code}` : undefined} className={`leaf ${r.selfDiffSign ? 'highlight' : ''}`} data-self-diff={r.selfDiffSign ? 'true' : undefined}>
                <th scope="row" data-name="">
                  {r.name}
                </th>
                <td className="num">{r.weight}</td>
                {detail ? (
                  <>
                    <td className="rule-cell">{r.ruleText}</td>
                    <td className="inputs-cell">{r.inputs ? <InputList t={t} inputs={r.inputs} /> : null}</td>
                    <td className="num">{r.valueText ?? ''}</td>
                  </>
                ) : null}
                <td className="num">
                  <strong>{r.score}</strong>
                </td>
                {detail ? <td className="num">{r.rateText}</td> : null}
                <td className="nowrap">{r.status ? t(`leafStatus.${r.status}`) : ''}</td>
                <td className="num">{r.self ?? '—'}</td>
                <td className={`num ${diffClass(r.selfDiffSign ?? null) ?? ''}`}>{r.selfDiff ?? '—'}</td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
