'use client';
import Link from 'next/link';
import { createColumnHelper, useTable, type ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useT } from '@/app/i18n/client';
import type { RankingsView, RankingRow } from '@/app/lib/views/types';
import { RangeBar } from '../sensitivity/RangeBar';
import { GradeBadge } from '../grades/GradeBadge';
import { MoveRank, MoveTotal } from '../grades/MoveCells';
import { DataTable, NameFilter } from '../table/DataTable';
import { features, type Features } from '../table/features';
import { unitColumn } from '../table/unit-column';
import { leafColumnIds, useUrlTableState } from '../table/url-state';
import { RANKING_PAGE_SIZE } from './ranking-chart-option';

const helper = createColumnHelper<Features, RankingRow>();

// Sorting and colouring read the engine's texts back as numbers; nothing is recomputed.
const num = (text: string | null) => (text === null ? undefined : parseFloat(text));
const diffClass = (v: unknown) => (typeof v !== 'number' || v === 0 ? undefined : v > 0 ? 'diff-pos' : 'diff-neg');

/** The ranking table's state: sorting by rank, a name filter and pages of 50. */
export function useRankingTable(view: RankingsView, slug: string, linkOnly: string | null = null) {
  const t = useT();
  const columns = useMemo<ColumnDef<Features, RankingRow, any>[]>(
    () => [
      helper.accessor('rank', {
        header: t('rank'),
        sortFn: 'basic',
        sortDescFirst: false,
        meta: { numeric: true, label: t('rank') },
        // "8 / 21": the place among the group's departments.
        cell: (c) => (
          <>
            {t('rankOfN', { rank: c.getValue(), n: view.rows.length })}
            {c.row.original.tied ? <span className="badge tied">{t('tied')}</span> : null}
          </>
        ),
      }),
      unitColumn(t('department'), (r) =>
        linkOnly === null || linkOnly === r.code ? (
          <Link prefetch={false} href={`/rounds/${encodeURIComponent(slug)}/departments/${encodeURIComponent(r.code)}`}>{r.name}</Link>
        ) : (
          r.name
      )),
      helper.accessor((r) => num(r.total), {
        id: 'total',
        header: t('total'),
        sortFn: 'basic',
        sortDescFirst: true,
        meta: { numeric: true, label: t('total') },
        cell: (c) =>
          c.row.original.totalMax ? (
            <span title={t('totalRangeHint', { lo: c.row.original.total, hi: c.row.original.totalMax })} data-testid="total-range">
              <strong>{t('totalRange', { lo: c.row.original.total, hi: c.row.original.totalMax })}</strong>
              <span className="badge pending">{t('pendingRow')}</span>
            </span>
          ) : (
            <strong>{c.row.original.total}</strong>
          ),
      }),
      // Leave-one-out rank range: sorted by its width, the least stable first.
      helper.accessor((r) => (r.range ? r.range[1] - r.range[0] : undefined), {
        id: 'range',
        header: () => <span title={t('rankRangeHint')}>{t('rankRange')}</span>,
        sortFn: 'basic',
        sortDescFirst: true,
        sortUndefined: 'last',
        meta: { label: t('rankRange') },
        cell: (c) => (c.row.original.range ? <RangeBar t={t} range={c.row.original.range} rank={c.row.original.rank} n={view.rows.length} /> : '—'),
      }),
      helper.accessor((r) => -view.grades.indexOf(r.grade), {
        id: 'grade',
        header: t('grade'),
        sortFn: 'basic',
        sortDescFirst: true,
        meta: { label: t('gradeLong') },
        cell: (c) => <GradeBadge grade={c.row.original.grade} grades={view.grades} provisional={c.row.original.totalMax ? t('paren', { x: t('provisional') }) : undefined} />,
      }),
      ...(view.previous
        ? [
            helper.group({
              id: 'g.change',
              header: t('change'),
              columns: helper.columns([
                // New units sort last; otherwise by places moved.
                helper.accessor((r) => (r.move?.kind === 'compared' ? (r.move.rank ?? undefined) : undefined), {
                  id: 'changeRank',
                  header: t('changeRank'),
                  sortFn: 'basic',
                  sortDescFirst: true,
                  sortUndefined: 'last',
                  meta: { numeric: true, label: t('changeRank') },
                  cell: (c) => (c.row.original.move ? <MoveRank move={c.row.original.move} code={c.row.original.code} t={t} /> : null),
                }),
                helper.accessor((r) => (r.move?.kind === 'compared' ? parseFloat(r.move.total) : undefined), {
                  id: 'changeTotal',
                  header: t('changeTotal'),
                  sortFn: 'basic',
                  sortDescFirst: true,
                  sortUndefined: 'last',
                  meta: { numeric: true, label: t('changeTotal') },
                  cell: (c) => (c.row.original.move ? <MoveTotal move={c.row.original.move} t={t} /> : null),
                }),
              ]),
            }),
          ]
        : []),
      ...view.level1.map((l, i) =>
        helper.group({
          id: `g.${l.code}`,
          header: () => (
            <>
              {l.name}
              <span className="weight">{t('weightLabel', { w: l.weight })}</span>
            </>
          ),
          columns: helper.columns([
            helper.accessor((r) => num(r.l1[i]![0]), {
              id: `l1.${l.code}`,
              header: t('score'),
              sortFn: 'basic',
              sortDescFirst: true,
              meta: { numeric: true, label: `${l.name}${t('score')}` },
              cell: (c) => c.row.original.l1[i]![0],
            }),
            helper.accessor((r) => num(r.l1[i]![1]), {
              id: `l1rate.${l.code}`,
              header: t('scoreRate'),
              sortFn: 'basic',
              sortDescFirst: true,
              meta: { numeric: true, label: `${l.name}${t('scoreRate')}` },
              cell: (c) => <span className="muted">{c.row.original.l1[i]![1]}</span>,
            }),
          ]),
        }),
      ),
      helper.group({
        id: 'g.self',
        header: t('selfScore'),
        columns: helper.columns([
          helper.accessor((r) => num(r.self), {
            id: 'selfTotal',
            header: t('selfTotal'),
            sortFn: 'basic',
            sortUndefined: 'last',
            meta: { numeric: true, label: t('selfTotal') },
            cell: (c) => c.row.original.self ?? '—',
          }),
          helper.accessor((r) => num(r.diff), {
            id: 'selfDiff',
            header: () => <span title={t('selfDiffHint')}>{t('selfDiff')}</span>,
            sortFn: 'basic',
            sortUndefined: 'last',
            meta: { numeric: true, label: t('selfDiff'), cellClass: diffClass },
            cell: (c) => c.row.original.diff ?? '—',
          }),
        ]),
      }),
    ],
    [t, view.level1, view.grades, view.previous, view.rows.length, slug, linkOnly],
  );

  const url = useUrlTableState({ sort: { id: 'rank', desc: false }, size: RANKING_PAGE_SIZE, columns: leafColumnIds(columns) });
  const table = useTable({
    features,
    columns,
    data: view.rows,
    getRowId: (r) => r.code,
    enableSortingRemoval: false,
    ...url,
  });

  return table;
}

export function RankingTable({ table }: { table: ReturnType<typeof useRankingTable> }) {
  const t = useT();
  return (
    <>
      <div className="toolbar">
        <NameFilter table={table} columnId="name" />
      </div>
      <DataTable table={table} caption={t('rankingsTitle')} rowHeader="name" testId="ranking-table" />
    </>
  );
}
