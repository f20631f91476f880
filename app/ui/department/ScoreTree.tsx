import type { Translate } from '@/app/i18n';
import type { TreeRow } from '@/app/lib/views/types';

const diffClass = (s: TreeRow['selfDiffSign']) => (s === 1 ? 'diff-pos' : s === -1 ? 'diff-neg' : undefined);

/** The 评分表: level-1 → level-2 → leaf, with the rule, the raw values, the score and the self-score. */
export function ScoreTree({ t, rows }: { t: Translate; rows: TreeRow[] }) {
  return (
    <div className="table-scroll">
      <table className="data" data-testid="score-tree">
        <caption className="visually-hidden">{t('indicatorTree')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('indicator')}</th>
            <th scope="col" className="num">{t('weight')}</th>
            <th scope="col">{t('rule')}</th>
            <th scope="col">{t('inputs')}</th>
            <th scope="col" className="num">{t('value')}</th>
            <th scope="col" className="num">{t('score')}</th>
            <th scope="col" className="num">{t('scoreRate')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col" className="num">{t('selfScore')}</th>
            <th scope="col" className="num" title={t('selfDiffHint')}>{t('selfDiff')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) =>
            r.level < 3 ? (
              <tr key={r.code} className={`level-${r.level}`}>
                <th scope="row" colSpan={1}>
                  {r.name}
                </th>
                <td className="num">{r.weight}</td>
                <td colSpan={3} />
                <td className="num">{r.score}</td>
                <td className="num">{r.rateText}</td>
                <td colSpan={3} />
              </tr>
            ) : (
              <tr
                key={r.code}
                id={`leaf-${r.code}`}
                className={`leaf ${r.selfDiffSign ? 'highlight' : ''}`}
                data-self-diff={r.selfDiffSign ? 'true' : undefined}
              >
                <th scope="row">{r.name}</th>
                <td className="num">{r.weight}</td>
                <td style={{ minWidth: 220, maxWidth: 320 }}>{r.ruleText}</td>
                <td style={{ minWidth: 180 }}>
                  {r.inputs?.map((i) => (
                    <div key={i.key}>
                      <span className="muted">{i.label}</span> {i.text}
                    </div>
                  ))}
                </td>
                <td className="num">{r.valueText ?? ''}</td>
                <td className="num">
                  <strong>{r.score}</strong>
                </td>
                <td className="num">{r.rateText}</td>
                <td style={{ whiteSpace: 'nowrap' }}>{r.status ? t(`status.${r.status}`) : ''}</td>
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
