'use client';
import { createColumnHelper, useTable, type ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import type { Translate } from '@/app/i18n';
import { useT } from '@/app/i18n/client';
import type { AuditEntryView, AuditLine } from '@/app/lib/views/audit';
import { DataTable } from '../table/DataTable';
import { features, type Features } from '../table/features';

const helper = createColumnHelper<Features, AuditEntryView>();

/** Values before or after, each under the name of its field; names, comments and reasons are data. */
function Values({ lines, t }: { lines: AuditLine[]; t: Translate }) {
  return (
    <ul className="values">
      {lines.map((l, i) => (
        <li key={i}>
          <span className="value-label">{t('labelValue', { label: l.label, value: '' })}</span>
          {l.data ? <span data-name="">{l.value}</span> : l.value}
        </li>
      ))}
    </ul>
  );
}

/**
 * One page of the audit log as a clerk reads it (app/lib/views/audit): newest first; the server pages
 * and filters it, so the table neither sorts nor pages.
 */
export function AuditTable({ rows }: { rows: AuditEntryView[] }) {
  const t = useT();
  const columns = useMemo<ColumnDef<Features, AuditEntryView, any>[]>(
    () => [
      helper.accessor('at', { header: t('atCol'), enableSorting: false, cell: (c) => <span className="nowrap">{c.getValue()}</span> }),
      helper.accessor('actor', {
        header: t('actorCol'),
        enableSorting: false,
        cell: (c) => (
          <>
            <span data-name="">{c.getValue()}</span>
            {c.row.original.address ? <div className="muted">{c.row.original.address}</div> : null}
          </>
        ),
      }),
      helper.accessor('action', { header: t('actionCol'), enableSorting: false }),
      helper.display({
        id: 'target',
        header: t('targetCol'),
        cell: (c) => {
          const e = c.row.original;
          return (
            <>
              {e.round ? (
                <div>
                  <span className="muted">{t('roundLabel')}</span> <span data-name="">{e.round}</span>
                </div>
              ) : null}
              {e.unit ? (
                <div data-testid="audit-unit">
                  <span className="muted">{t('department')}</span> <span data-name="">{e.unit}</span>
                </div>
              ) : null}
              {e.user ? (
                <div>
                  <span className="muted">{t('usernameCol')}</span> <span data-name="">{e.user}</span>
                </div>
              ) : null}
            </>
          );
        },
      }),
      helper.accessor('before', { header: t('beforeCol'), enableSorting: false, cell: (c) => <Values lines={c.getValue()} t={t} /> }),
      helper.accessor('after', { header: t('afterCol'), enableSorting: false, cell: (c) => <Values lines={c.getValue()} t={t} /> }),
    ],
    [t],
  );
  const table = useTable({ features, columns, data: rows, getRowId: (r) => String(r.id), initialState: { sorting: [], pagination: { pageIndex: 0, pageSize: Math.max(rows.length, 1) } } });
  return <DataTable table={table} caption={t('auditTitle')} testId="audit-table" rowData={(r) => ({ 'data-action': r.code })} pager={false} />;
}
