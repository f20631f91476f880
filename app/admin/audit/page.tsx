import '@/app/ui/auth/auth.css';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/app/lib/auth/guard';
import type { AuthT } from '@/app/lib/auth/messages';
import { getAuthT } from '@/app/lib/auth/server-t';
import type { SearchParams } from '@/app/lib/params';
import { AUDIT_ACTIONS, AUDIT_PAGE_SIZE, readAudit, type AuditAction, type AuditRow } from '@/app/lib/services/audit';
import { AuditTable, type AuditTableRow } from '@/app/ui/admin/AuditTable';
import { AdminNav } from '../AdminNav';
import { auditHref, parseAuditQuery, type AuditQuery } from './filter';
import { valueLines } from './values';

export const dynamic = 'force-dynamic';

const when = (d: Date) => d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** Every change, newest first, filtered by user, action, round, unit and date. Admins only. */
export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireUser('audit:view', { returnTo: '/admin/audit' });
  const { query, filter } = parseAuditQuery(await searchParams);
  const log = await readAudit(viewer, filter);
  if (!log) notFound();
  const { at } = await getAuthT();
  const page = filter.page ?? 1;
  const pages = Math.max(1, Math.ceil(log.total / AUDIT_PAGE_SIZE));
  return (
    <>
      <h1>{at('auditTitle')}</h1>
      <AdminNav at={at} current="audit" />
      <AuditFilter at={at} query={query} choices={log.choices} />
      <section className="card" aria-labelledby="log-title">
        <div className="card-head">
          <h2 id="log-title">{at('auditTitle')}</h2>
          <span className="muted" data-testid="audit-count">
            {at('entriesCount', { n: log.total })}
          </span>
        </div>
        {log.rows.length === 0 ? <p className="muted">{at('noEntries')}</p> : <AuditTable rows={auditRows(at, log.rows)} />}
        {pages > 1 ? <AuditPager query={query} page={page} pages={pages} /> : null}
      </section>
    </>
  );
}

/** The entries as the table shows them: time in China, the action's name, what it was about, the values before and after. */
function auditRows(at: AuthT, rows: AuditRow[]): AuditTableRow[] {
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    at: when(r.createdAt),
    actor: r.actor,
    address: r.address,
    actionLabel: (AUDIT_ACTIONS as readonly string[]).includes(r.action) ? at(`action.${r.action as AuditAction}`) : r.action,
    target: [r.roundSlug && `${at('roundLabel')} ${r.roundSlug}`, r.departmentCode, r.targetUsername && `@${r.targetUsername}`, r.submissionId && `#${r.submissionId}`].filter(Boolean).join(' · '),
    before: valueLines(r.before),
    after: valueLines(r.after),
  }));
}

/** The filter: who, what, which round and unit, from and to (a GET form, so a filtered view is a link). */
function AuditFilter({ at, query, choices }: { at: AuthT; query: AuditQuery; choices: { actors: string[]; rounds: string[]; departments: string[] } }) {
  const select = (name: 'actor' | 'round' | 'department', label: string, all: string, options: string[]) => (
    <label>
      {label}
      <select name={name} defaultValue={query[name] ?? ''}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section className="card" aria-label={at('filter')}>
      <form method="get" className="inline-form" data-testid="audit-filter">
        {select('actor', at('actorCol'), at('allActors'), choices.actors)}
        <label>
          {at('actionCol')}
          <select name="action" defaultValue={query.action ?? ''}>
            <option value="">{at('allActions')}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {at(`action.${a}`)}
              </option>
            ))}
          </select>
        </label>
        {select('round', at('roundLabel'), at('allRounds'), choices.rounds)}
        {select('department', at('unit'), at('allDepartments'), choices.departments)}
        <label>
          {at('from')}
          <input type="date" name="from" defaultValue={query.from ?? ''} />
        </label>
        <label>
          {at('to')}
          <input type="date" name="to" defaultValue={query.to ?? ''} />
        </label>
        <button type="submit" className="button">
          {at('filter')}
        </button>
        <Link href="/admin/audit" style={{ alignSelf: 'center' }}>
          {at('clearFilter')}
        </Link>
      </form>
    </section>
  );
}

/** Server-side pages of the log, as links that keep the filter. */
function AuditPager({ query, page, pages }: { query: AuditQuery; page: number; pages: number }) {
  return (
    <nav className="pager" aria-label="pages">
      {page > 1 ? <Link href={auditHref(query, page - 1)}>‹</Link> : null}
      <span>
        {page} / {pages}
      </span>
      {page < pages ? <Link href={auditHref(query, page + 1)}>›</Link> : null}
    </nav>
  );
}
