'use client';
import { createColumnHelper, useTable, type ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { unlinkCodesAction } from '@/app/admin/units/actions';
import { useLocale, useT } from '@/app/i18n/client';
import { ActionForm } from '../auth/ActionForm';
import { DataTable } from '../table/DataTable';
import { features, type Features } from '../table/features';

export interface LinkRow {
  id: number;
  code: string;
  name: string;
  earlierCode: string;
  earlierName: string;
  reason: string;
  by: string;
  /** ISO 8601. */
  at: string;
}

const helper = createColumnHelper<Features, LinkRow>();

/** The standing links between units' codes, each with a form to remove it (with a reason). */
export function LinkTable({ links }: { links: LinkRow[] }) {
  const t = useT();
  const locale = useLocale();
  const columns = useMemo<ColumnDef<Features, LinkRow, any>[]>(
    () => [
      helper.accessor((r) => `${r.name}（${r.code}）`, { id: 'unit', header: t('linkCode'), sortFn: 'chinese', meta: { label: t('linkCode') } }),
      helper.accessor((r) => `${r.earlierName}（${r.earlierCode}）`, { id: 'earlier', header: t('linkEarlierCode'), sortFn: 'chinese', meta: { label: t('linkEarlierCode') } }),
      helper.accessor('reason', { header: t('linkReason'), enableSorting: false, meta: { label: t('linkReason') } }),
      helper.accessor('by', { header: t('linkBy'), enableSorting: false, meta: { label: t('linkBy') } }),
      helper.accessor('at', {
        header: t('linkAt'),
        sortFn: 'basic',
        meta: { label: t('linkAt') },
        cell: (c) => new Date(c.getValue()).toLocaleString(locale, { timeZone: 'Asia/Shanghai', hour12: false }),
      }),
      helper.display({
        id: 'remove',
        header: '',
        cell: (c) => (
          <ActionForm action={unlinkCodesAction} submit={t('linkRemove')} danger>
            <input type="hidden" name="id" value={c.row.original.id} />
            <input name="reason" type="text" required maxLength={500} placeholder={t('linkRemoveReason')} aria-label={t('linkRemoveReason')} />
          </ActionForm>
        ),
      }),
    ],
    [t, locale],
  );
  const table = useTable({ features, columns, data: links, getRowId: (r) => String(r.id) });
  return <DataTable table={table} caption={t('linksCaption')} rowHeader="unit" testId="link-table" />;
}
