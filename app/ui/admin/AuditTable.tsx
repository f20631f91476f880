'use client';
import { createColumnHelper, useTable, type ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useAuthT } from '@/app/lib/auth/client-t';
import { DataTable } from '../table/DataTable';
import { features, type Features } from '../table/features';

/** One audit entry as the page shows it. Texts only: the server formats everything. */
export interface AuditTableRow {
  id: number;
  action: string;
  at: string;
  actor: string;
  address: string | null;
  actionLabel: string;
  target: string;
  before: string[];
  after: string[];
}

const helper = createColumnHelper<Features, AuditTableRow>();
const lines = (items: string[]) => (
  <ul className="values">
    {items.map((l, i) => (
      <li key={i}>{l}</li>
    ))}
  </ul>
);

/** One page of the audit log, newest first; the server pages and filters it, so the table neither sorts nor pages. */
export function AuditTable({ rows }: { rows: AuditTableRow[] }) {
  const at = useAuthT();
  const columns = useMemo<ColumnDef<Features, AuditTableRow, any>[]>(
    () => [
      helper.accessor('at', { header: at('atCol'), enableSorting: false, cell: (c) => <span style={{ whiteSpace: 'nowrap' }}>{c.getValue()}</span> }),
      helper.accessor('actor', {
        header: at('actorCol'),
        enableSorting: false,
        cell: (c) => (
          <>
            {c.getValue()}
            {c.row.original.address ? <div className="muted">{c.row.original.address}</div> : null}
          </>
        ),
      }),
      helper.accessor('actionLabel', { header: at('actionCol'), enableSorting: false }),
      helper.accessor('target', { header: at('targetCol'), enableSorting: false }),
      helper.accessor('before', { header: at('beforeCol'), enableSorting: false, cell: (c) => lines(c.getValue()) }),
      helper.accessor('after', { header: at('afterCol'), enableSorting: false, cell: (c) => lines(c.getValue()) }),
    ],
    [at],
  );
  const table = useTable({ features, columns, data: rows, getRowId: (r) => String(r.id), initialState: { sorting: [], pagination: { pageIndex: 0, pageSize: Math.max(rows.length, 1) } } });
  return <DataTable table={table} caption={at('auditTitle')} testId="audit-table" rowData={(r) => ({ 'data-action': r.action })} pager={false} />;
}
