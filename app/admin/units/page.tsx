import '@/app/ui/auth/auth.css';
import { notFound } from 'next/navigation';
import { getTranslator } from '@/app/i18n/server';
import { requireUser } from '@/app/lib/auth/guard';
import { readUnits } from '@/app/lib/services/units';
import { ActionForm } from '@/app/ui/auth/ActionForm';
import { LinkTable } from '@/app/ui/grades/LinkTable';
import { AdminNav } from '../AdminNav';
import { bureauNameAction, linkCodesAction } from './actions';

export const dynamic = 'force-dynamic';

/** The bureau's report heading and the links of renamed or re-coded units across years. */
export default async function UnitsPage() {
  const viewer = await requireUser('units:manage', { returnTo: '/admin/units' });
  const data = await readUnits(viewer);
  if (!data) notFound();
  const { bureau, links, units } = data;
  const { t } = await getTranslator();
  return (
    <>
      <h1>{t('unitsTitle')}</h1>
      <AdminNav t={t} current="units" />
      <section className="card" aria-labelledby="bureau-title">
        <h2 id="bureau-title">{t('bureauNameTitle')}</h2>
        <p className="muted">{t('bureauNameHint')}</p>
        <ActionForm action={bureauNameAction} submit={t('save')} testId="bureau-name-form">
          <label>
            {t('bureauNameLabel')}
            <input name="name" type="text" required maxLength={60} defaultValue={bureau} data-testid="bureau-name" />
          </label>
        </ActionForm>
      </section>
      <section className="card" aria-labelledby="links-title">
        <h2 id="links-title">{t('linksTitle')}</h2>
        <p className="muted">{t('linksHint')}</p>
        <ActionForm action={linkCodesAction} submit={t('linkAdd')} testId="link-form">
          <label>
            {t('linkCode')}
            <input name="code" type="text" required list="unit-codes" autoComplete="off" spellCheck={false} />
          </label>
          <label>
            {t('linkEarlierCode')}
            <input name="earlierCode" type="text" required list="unit-codes" autoComplete="off" spellCheck={false} />
          </label>
          <label>
            {t('linkReason')}
            <input name="reason" type="text" required maxLength={500} />
          </label>
          <datalist id="unit-codes">
            {units.map((u) => (
              <option key={u.code} value={u.code}>
                {u.name}
              </option>
            ))}
          </datalist>
        </ActionForm>
        {links.length ? (
          <LinkTable links={links.map((l) => ({ id: l.id, code: l.code, name: l.name, earlierCode: l.earlierCode, earlierName: l.earlierName, reason: l.reason, by: l.createdBy, at: l.createdAt.toISOString() }))} />
        ) : (
          <p className="muted">{t('linksNone')}</p>
        )}
      </section>
    </>
  );
}
