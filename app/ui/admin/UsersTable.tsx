'use client';
import { createColumnHelper, useTable, type ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import type { ActionState } from '@/app/lib/auth/guard';
import { useT } from '@/app/i18n/client';
import { ActionForm } from '../auth/ActionForm';
import { DataTable } from '../table/DataTable';
import { features, type Features } from '../table/features';

/** One account as the list shows it. Texts only: the server formats everything. */
export interface UserTableRow {
  id: number;
  username: string;
  role: string;
  unit: string;
  disabled: boolean;
  lastSeen: string;
  createdBy: string;
  /** The viewer's own account: it cannot disable itself. */
  self: boolean;
}

type Action = (prev: ActionState | null, formData: FormData) => Promise<ActionState>;

const helper = createColumnHelper<Features, UserTableRow>();

/** Every account, with a reset-password and a disable/enable button each. */
export function UsersTable({ rows, resetPassword, setDisabled }: { rows: UserTableRow[]; resetPassword: Action; setDisabled: Action }) {
  const t = useT();
  const columns = useMemo<ColumnDef<Features, UserTableRow, any>[]>(
    () => [
      helper.accessor('username', { header: t('username'), enableSorting: false }),
      helper.accessor('role', { header: t('role'), enableSorting: false }),
      helper.accessor('unit', { header: t('department'), enableSorting: false }),
      helper.accessor('disabled', { header: t('status'), enableSorting: false, cell: (c) => (c.getValue() ? <span className="status-bad">{t('disabled')}</span> : t('active')) }),
      helper.accessor('lastSeen', { header: t('lastSeen'), enableSorting: false }),
      helper.accessor('createdBy', { header: t('createdByCol'), enableSorting: false }),
      helper.display({
        id: 'actions',
        header: '',
        cell: (c) => {
          const u = c.row.original;
          return (
            <>
              <ActionForm action={resetPassword} submit={t('resetPassword')} danger>
                <input type="hidden" name="username" value={u.username} />
              </ActionForm>
              {u.self ? null : (
                <ActionForm action={setDisabled} submit={u.disabled ? t('enable') : t('disable')} danger>
                  <input type="hidden" name="username" value={u.username} />
                  <input type="hidden" name="disabled" value={u.disabled ? '0' : '1'} />
                </ActionForm>
              )}
            </>
          );
        },
      }),
    ],
    [t, resetPassword, setDisabled],
  );
  const table = useTable({ features, columns, data: rows, getRowId: (r) => String(r.id), initialState: { sorting: [], pagination: { pageIndex: 0, pageSize: Math.max(rows.length, 1) } } });
  return <DataTable table={table} caption={t('allUsers')} rowHeader="username" testId="user-list" tall={false} pager={false} />;
}
