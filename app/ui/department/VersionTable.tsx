'use client';
import { createColumnHelper, useTable, type ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useT } from '@/app/i18n/client';
import type { VersionRow } from '@/app/lib/views/types';
import { DataTable } from '../table/DataTable';
import { features, type Features } from '../table/features';

/** A version with its time already written out by the server (so server and browser print the same). */
export type VersionTableRow = VersionRow & { atText: string };

const helper = createColumnHelper<Features, VersionTableRow>();

/** Every stored version of a department's submission in a round, newest first. */
export function VersionTable({ rows }: { rows: VersionTableRow[] }) {
  const t = useT();
  const columns = useMemo<ColumnDef<Features, VersionTableRow, any>[]>(
    () => [
      helper.accessor('version', {
        header: t('versionNo'),
        enableSorting: false,
        meta: { numeric: true },
        cell: (c) => (
          <>
            {c.getValue()}
            {c.row.original.current ? <span className="badge">{t('versionCurrent')}</span> : null}
          </>
        ),
      }),
      helper.accessor('status', { header: t('status'), enableSorting: false, cell: (c) => t(`submission.${c.row.original.status}`) }),
      helper.accessor('by', { header: t('versionBy'), enableSorting: false }),
      helper.accessor('atText', { header: t('versionAt'), enableSorting: false, cell: (c) => <time dateTime={c.row.original.at}>{c.getValue()}</time> }),
      helper.accessor((r) => r.comment ?? '', { id: 'comment', header: t('versionComment'), enableSorting: false }),
    ],
    [t],
  );
  const table = useTable({ features, columns, data: rows, getRowId: (r) => String(r.version), initialState: { sorting: [], pagination: { pageIndex: 0, pageSize: Math.max(rows.length, 1) } } });
  return <DataTable table={table} caption={t('submissionVersions')} testId="versions" tall={false} pager={false} />;
}
