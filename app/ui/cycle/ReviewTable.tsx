'use client';
import Link from 'next/link';
import { createColumnHelper, useTable, type ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useT } from '@/app/i18n/client';
import { DataTable, NameFilter } from '../table/DataTable';
import { features, type Features } from '../table/features';
import { unitColumn } from '../table/unit-column';
import { leafColumnIds, useUrlTableState } from '../table/url-state';

/** One unit in the bureau's review list. Texts only: the server formats everything. */
export interface ReviewRow {
  code: string;
  name: string;
  group: string;
  status: 'draft' | 'submitted' | 'returned' | 'accepted' | null;
  version: number | null;
  updatedBy: string | null;
  /** Already formatted in the viewer's language. */
  updatedAt: string | null;
  /** The same moment as ISO text, which sorts. */
  updatedIso: string | null;
  comment: string | null;
  /** Judgement leaves still to be evaluated, by name; empty when evaluated. */
  pending: string[];
  /** Reviewers of the unit (empty: the bureau evaluates). */
  panel: string[];
}

const helper = createColumnHelper<Features, ReviewRow>();

export function ReviewTable({ slug, rows }: { slug: string; rows: ReviewRow[] }) {
  const t = useT();
  const columns = useMemo<ColumnDef<Features, ReviewRow, any>[]>(
    () => [
      unitColumn(t('department'), (r) => (
        <>
          <Link prefetch={false} href={`/rounds/${encodeURIComponent(slug)}/review/${encodeURIComponent(r.code)}`}>
            {r.name}
          </Link>
          <div className="muted">
            {r.code} · <span data-name="">{r.group}</span>
          </div>
        </>
      )),
      helper.accessor((r) => r.status ?? 'none', {
        id: 'status',
        header: t('submissionStatus'),
        sortFn: 'basic',
        meta: { label: t('submissionStatus') },
        cell: (c) => <span className={`status-pill ${c.row.original.status ?? 'draft'}`}>{t(`submission.${c.row.original.status ?? 'none'}`)}</span>,
      }),
      helper.accessor((r) => r.pending.length, {
        id: 'evaluation',
        header: t('evaluationCol'),
        sortFn: 'basic',
        meta: { label: t('evaluationCol') },
        cell: (c) => {
          const r = c.row.original;
          const who = r.panel.length ? t('panelOf', { names: r.panel.join(t('listSep')) }) : t('bureauEvaluates');
          return (
            <>
              {r.pending.length ? <span className="badge pending">{t('pendingN', { n: r.pending.length })}</span> : <span className="badge done">{t('evaluated')}</span>}
              <div className="muted">{who}</div>
            </>
          );
        },
      }),
      helper.accessor((r) => r.version ?? 0, { id: 'version', header: t('versionCol'), sortFn: 'basic', meta: { numeric: true, label: t('versionCol') }, cell: (c) => c.row.original.version ?? '—' }),
      helper.accessor((r) => r.updatedIso ?? '', {
        id: 'updated',
        header: t('updatedCol'),
        sortFn: 'basic',
        meta: { label: t('updatedCol'), cellClass: () => 'nowrap' },
        cell: (c) => (c.row.original.updatedAt ? `${c.row.original.updatedAt} · ${c.row.original.updatedBy}` : '—'),
      }),
      helper.accessor((r) => r.comment ?? '', { id: 'comment', header: t('commentCol'), enableSorting: false, cell: (c) => <span data-name="">{c.row.original.comment ?? ''}</span> }),
    ],
    [t, slug],
  );
  const url = useUrlTableState({ sort: null, size: 100, columns: leafColumnIds(columns) });
  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId: (r) => r.code,
    ...url,
  });
  return (
    <>
      <div className="toolbar">
        <NameFilter table={table} columnId="name" />
      </div>
      <DataTable table={table} caption={t('reviewListCaption')} rowHeader="name" testId="review-list" tall={false} />
    </>
  );
}
