'use client';
import { createColumnHelper, useTable, type ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useT } from '@/app/i18n/client';
import { DataTable, NameFilter } from '../table/DataTable';
import { features, type Features } from '../table/features';
import { unitColumn } from '../table/unit-column';
import { leafColumnIds, useUrlTableState } from '../table/url-state';

export interface MemberRow {
  code: string;
  name: string;
  group: string;
  /** Usernames of its reviewers. */
  reviewers: string[];
}

const helper = createColumnHelper<Features, MemberRow>();

/** The units of a round: code, name, group, reviewers; sortable and filterable. */
export function MembersTable({ rows }: { rows: MemberRow[] }) {
  const t = useT();
  const columns = useMemo<ColumnDef<Features, MemberRow, any>[]>(
    () => [
      unitColumn(t('department')),
      helper.accessor('code', { header: t('codeCol'), sortFn: 'basic', meta: { label: t('codeCol') }, cell: (c) => <code>{c.getValue()}</code> }),
      helper.accessor('group', { header: t('group'), sortFn: 'chinese', meta: { label: t('group') } }),
      helper.accessor((r) => r.reviewers.join(t('listSep')), { id: 'reviewers', header: t('reviewersCol'), sortFn: 'basic', meta: { label: t('reviewersCol') }, cell: (c) => c.getValue() || <span className="muted">{t('bureauEvaluates')}</span> }),
    ],
    [t],
  );
  const url = useUrlTableState({ sort: null, size: 50, columns: leafColumnIds(columns) });
  const table = useTable({ features, columns, data: rows, getRowId: (r) => r.code, ...url });
  return (
    <>
      <div className="toolbar">
        <NameFilter table={table} columnId="name" />
      </div>
      <DataTable table={table} caption={t('membersTitle')} rowHeader="name" testId="members" />
    </>
  );
}
