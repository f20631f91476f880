import '@/app/ui/auth/auth.css';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/app/lib/auth/guard';
import { AUDIT_ACTIONS, AUDIT_PAGE_SIZE, readAudit } from '@/app/lib/services/audit';
import { getAuthT } from '@/app/lib/auth/server-t';
import type { SearchParams } from '@/app/lib/params';
import { AdminNav } from '../AdminNav';
import { auditHref, parseAuditQuery } from './filter';
import { valueLines } from './values';

export const dynamic = 'force-dynamic';

const when = (d: Date) => d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** Every change, newest first, filtered by user, action, round, unit and date. Admins only. */
export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireUser('audit:view', { returnTo: '/admin/audit' });
  const { query, filter } = parseAuditQuery(await searchParams);
  const log = await readAudit(viewer, filter);
  if (!log) notFound();
  const { rows, total, choices } = log;
  const { at } = await getAuthT();
  const page = filter.page ?? 1;
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
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
    <>
      <h1>{at('auditTitle')}</h1>
      <AdminNav at={at} current="audit" />
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
      <section className="card" aria-labelledby="log-title">
        <div className="card-head">
          <h2 id="log-title">{at('auditTitle')}</h2>
          <span className="muted" data-testid="audit-count">
            {at('entriesCount', { n: total })}
          </span>
        </div>
        {rows.length === 0 ? (
          <p className="muted">{at('noEntries')}</p>
        ) : (
          <div className="table-scroll tall">
            <table className="data" data-testid="audit-table">
              <thead>
                <tr>
                  <th>{at('atCol')}</th>
                  <th>{at('actorCol')}</th>
                  <th>{at('actionCol')}</th>
                  <th>{at('targetCol')}</th>
                  <th>{at('beforeCol')}</th>
                  <th>{at('afterCol')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} data-action={r.action}>
                    <td style={{ whiteSpace: 'nowrap' }}>{when(r.createdAt)}</td>
                    <td>
                      {r.actor}
                      {r.address ? <div className="muted">{r.address}</div> : null}
                    </td>
                    <td>{(AUDIT_ACTIONS as readonly string[]).includes(r.action) ? at(`action.${r.action as (typeof AUDIT_ACTIONS)[number]}`) : r.action}</td>
                    <td>
                      {[r.roundSlug && `${at('roundLabel')} ${r.roundSlug}`, r.departmentCode, r.targetUsername && `@${r.targetUsername}`, r.submissionId && `#${r.submissionId}`]
                        .filter(Boolean)
                        .join(' · ')}
                    </td>
                    <td>
                      <ul className="values">{valueLines(r.before).map((l, i) => <li key={i}>{l}</li>)}</ul>
                    </td>
                    <td>
                      <ul className="values">{valueLines(r.after).map((l, i) => <li key={i}>{l}</li>)}</ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {pages > 1 ? (
          <nav className="pager" aria-label="pages">
            {page > 1 ? <Link href={auditHref(query, page - 1)}>‹</Link> : null}
            <span>
              {page} / {pages}
            </span>
            {page < pages ? <Link href={auditHref(query, page + 1)}>›</Link> : null}
          </nav>
        ) : null}
      </section>
    </>
  );
}
