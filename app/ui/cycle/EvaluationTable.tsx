'use client';
import { createColumnHelper, useTable, type ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useT } from '@/app/i18n/client';
import type { LeafEvaluation } from '@/app/lib/services/evaluation';
import { DataTable } from '../table/DataTable';
import { features, type Features } from '../table/features';

const helper = createColumnHelper<Features, LeafEvaluation>();

/**
 * A department's judgement leaves as the bureau sees them: the self-score, each reviewer's score
 * and comment, the combined score and the spread (flagged above the round's threshold).
 * `bureau` is who the scores name when there is no panel.
 */
export function EvaluationTable({ panel, leaves, bureau }: { panel: string[]; leaves: LeafEvaluation[]; bureau: string }) {
  const t = useT();
  const columns = useMemo<ColumnDef<Features, LeafEvaluation, any>[]>(() => {
    const evaluators = panel.length ? panel.map((n) => ({ key: n, label: n })) : [{ key: bureau, label: t('bureau') }];
    const pending = <span className="badge pending">{t('leafStatus.pending')}</span>;
    return [
      helper.accessor('name', {
        header: t('indicator'),
        enableSorting: false,
        cell: (c) => (
          <>
            {c.getValue()}
            <span className="weight">{t('weightLabel', { w: c.row.original.weight })}</span>
          </>
        ),
      }),
      helper.accessor((l) => l.self ?? '—', { id: 'self', header: t('selfScore'), enableSorting: false, meta: { numeric: true } }),
      ...evaluators.map((e) =>
        helper.display({
          id: `by:${e.key}`,
          header: e.label,
          cell: (c) => {
            const s = c.row.original.scores.find((x) => x.by === e.key);
            return s ? (
              <>
                <strong>{s.score}</strong>
                {s.comment ? (
                  <div className="muted" data-name="">
                    {s.comment}
                  </div>
                ) : null}
              </>
            ) : (
              pending
            );
          },
        }),
      ),
      helper.accessor('combined', { header: t('combinedScore'), enableSorting: false, meta: { numeric: true }, cell: (c) => (c.getValue() ? <strong>{c.getValue()}</strong> : pending) }),
      ...(panel.length
        ? [
            helper.accessor('spread', {
              header: t('spread'),
              enableSorting: false,
              meta: { numeric: true },
              cell: (c) => (
                <>
                  {c.getValue() ?? '—'}
                  {c.row.original.flagged ? <span className="badge flag">{t('spreadFlag')}</span> : null}
                  {c.row.original.trimmed ? <div className="muted">{t('trimmedNote')}</div> : null}
                </>
              ),
            }),
          ]
        : []),
    ];
  }, [t, panel, bureau]);
  const table = useTable({ features, columns, data: leaves, getRowId: (l) => l.code, initialState: { sorting: [], pagination: { pageIndex: 0, pageSize: Math.max(leaves.length, 1) } } });
  return <DataTable table={table} caption={t('evaluationTitle')} rowHeader="name" testId="evaluation-table" tall={false} pager={false} />;
}
