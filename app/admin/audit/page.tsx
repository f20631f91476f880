import '@/app/ui/auth/auth.css';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { Translate } from '@/app/i18n';
import { requireUser } from '@/app/lib/auth/guard';
import { getTranslator } from '@/app/i18n/server';
import type { SearchParams } from '@/app/lib/params';
import { AUDIT_ACTIONS, AUDIT_PAGE_SIZE, readAudit } from '@/app/lib/services/audit';
import { auditEntryView, type AuditContext } from '@/app/lib/views/audit';
import { AuditTable } from '@/app/ui/admin/AuditTable';
import { AdminNav } from '../AdminNav';
import { auditHref, parseAuditQuery, type AuditQuery } from './filter';

export const dynamic = 'force-dynamic';

/** Every change and sign-in, newest first, filtered by user, action, round, unit and date. Admins only. */
export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireUser('audit:view', { returnTo: '/admin/audit' });
  const { query, filter } = parseAuditQuery(await searchParams);
  const log = await readAudit(viewer, filter);
  if (!log) notFound();
  const { t, f, locale } = await getTranslator();
  const page = filter.page ?? 1;
  const pages = Math.max(1, Math.ceil(log.total / AUDIT_PAGE_SIZE));
  return (
    <>
      <h1>{t('auditTitle')}</h1>
      <AdminNav t={t} current="audit" />
      <AuditFilter t={t} query={query} choices={log.choices} context={log.context} />
      <section className="card" aria-labelledby="log-title">
        <div className="card-head">
          <h2 id="log-title">{t('auditTitle')}</h2>
          <span className="muted" data-testid="audit-count">
            {t('entriesCount', { n: log.total })}
          </span>
        </div>
        <p className="muted">{t('auditNamesHint')}</p>
        {log.rows.length === 0 ? <p className="muted">{t('noEntries')}</p> : <AuditTable rows={log.rows.map((r) => auditEntryView(r, log.context, t, f, locale))} />}
        {pages > 1 ? <AuditPager t={t} query={query} page={page} pages={pages} /> : null}
      </section>
    </>
  );
}

/** The filter: who, what, which round and unit (by name beside the code), from and to (a GET form, so a filtered view is a link). */
function AuditFilter({ t, query, choices, context }: { t: Translate; query: AuditQuery; choices: { actors: string[]; rounds: string[]; departments: string[] }; context: AuditContext }) {
  const select = (name: 'actor' | 'round' | 'department', label: string, all: string, options: { value: string; text: string }[]) => (
    <label>
      {label}
      <select name={name} defaultValue={query[name] ?? ''}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value} data-name="">
            {o.text}
          </option>
        ))}
      </select>
    </label>
  );
  const unitText = (code: string) => (context.units.has(code) ? `${context.units.get(code)}${t('paren', { x: code })}` : code);
  return (
    <section className="card" aria-label={t('filter')}>
      <form method="get" className="inline-form" data-testid="audit-filter">
        {select('actor', t('actorCol'), t('allActors'), choices.actors.map((a) => ({ value: a, text: a })))}
        <label>
          {t('actionCol')}
          <select name="action" defaultValue={query.action ?? ''}>
            <option value="">{t('allActions')}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(`action.${a}`)}
              </option>
            ))}
          </select>
        </label>
        {select('round', t('roundLabel'), t('allRounds'), choices.rounds.map((r) => ({ value: r, text: context.rounds.get(r)?.name ?? r })))}
        {select('department', t('department'), t('allDepartments'), choices.departments.map((d) => ({ value: d, text: unitText(d) })))}
        <label>
          {t('from')}
          <input type="date" name="from" defaultValue={query.from ?? ''} />
        </label>
        <label>
          {t('to')}
          <input type="date" name="to" defaultValue={query.to ?? ''} />
        </label>
        <button type="submit" className="button">
          {t('filter')}
        </button>
        <Link href="/admin/audit" style={{ alignSelf: 'center' }}>
          {t('clearFilter')}
        </Link>
      </form>
    </section>
  );
}

/** Server-side pages of the log, as links that keep the filter. */
function AuditPager({ t, query, page, pages }: { t: Translate; query: AuditQuery; page: number; pages: number }) {
  return (
    <nav className="pager" aria-label={t('pageOf', { page, pages })}>
      {page > 1 ? <Link href={auditHref(query, page - 1)}>{t('prevPage')}</Link> : null}
      <span>{t('pageOf', { page, pages })}</span>
      {page < pages ? <Link href={auditHref(query, page + 1)}>{t('nextPage')}</Link> : null}
    </nav>
  );
}
