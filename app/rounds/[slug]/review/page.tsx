import '@/app/ui/auth/auth.css';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getRound } from '@/db/queries';
import { listRoundSubmissions } from '@/db/review';
import { requireUser } from '@/app/lib/auth/guard';
import { getAuthT } from '@/app/lib/auth/server-t';
import { ActionForm } from '@/app/ui/auth/ActionForm';
import { lockAction, rankingVisibilityAction, unlockAction } from './actions';

export const dynamic = 'force-dynamic';

const when = (d: Date | null) => (d ? d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—');

/** The bureau's overview of a round: every unit's submission status, and the round's lock and display setting. */
export default async function ReviewListPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const viewer = await requireUser('submission:review', { returnTo: `/rounds/${encodeURIComponent(slug)}/review` });
  const [round, list] = await Promise.all([getRound(slug), listRoundSubmissions(viewer, slug)]);
  if (!round || !list) notFound();
  const { at } = await getAuthT();
  const locked = round.status === 'locked';
  return (
    <>
      <div className="round-bar">
        <div className="round-title">
          <h1>
            {at('reviewTitle')} · {round.name}
          </h1>
          <div className="meta">
            <span className={`badge ${locked ? 'locked' : ''}`} data-testid="round-status">
              {locked ? at('lockedBadge') : at('openBadge')}
            </span>
            <span>{round.showRankingToDepartments ? at('rankingVisible') : at('rankingHidden')}</span>
          </div>
        </div>
        <Link className="button secondary" href={`/rounds/${encodeURIComponent(slug)}`}>
          {round.name}
        </Link>
      </div>
      <section className="card" aria-labelledby="controls-title">
        <h2 id="controls-title">{at('roundControls')}</h2>
        {locked ? (
          <ActionForm action={unlockAction} submit={at('unlockRound')} testId="unlock-form" danger>
            <input type="hidden" name="slug" value={slug} />
            <label>
              {at('unlockReason')}
              <input name="reason" type="text" required maxLength={500} />
            </label>
          </ActionForm>
        ) : (
          <>
            <p className="muted">{at('lockHint')}</p>
            <ActionForm action={lockAction} submit={at('lockRound')} testId="lock-form">
              <input type="hidden" name="slug" value={slug} />
            </ActionForm>
          </>
        )}
        <ActionForm action={rankingVisibilityAction} submit={round.showRankingToDepartments ? at('hideRanking') : at('showRanking')} testId="ranking-form" danger>
          <input type="hidden" name="slug" value={slug} />
          <input type="hidden" name="visible" value={round.showRankingToDepartments ? '0' : '1'} />
        </ActionForm>
      </section>
      <section className="card" aria-labelledby="list-title">
        <h2 id="list-title">{at('reviewList')}</h2>
        <div className="table-scroll tall">
          <table className="data" data-testid="review-list">
            <thead>
              <tr>
                <th>{at('unit')}</th>
                <th>{at('status')}</th>
                <th className="num">{at('versionCol')}</th>
                <th>{at('byCol')}</th>
                <th>{at('atCol')}</th>
                <th>{at('commentCol')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((r) => (
                <tr key={r.code}>
                  <th scope="row">
                    <Link href={`/rounds/${encodeURIComponent(slug)}/review/${encodeURIComponent(r.code)}`}>{r.name}</Link>
                    <div className="muted">
                      {r.code} · {r.group}
                    </div>
                  </th>
                  <td>
                    <span className={`status-pill ${r.status ?? 'draft'}`}>{r.status ? at(`status.${r.status}`) : at('status.none')}</span>
                  </td>
                  <td className="num">{r.version ?? '—'}</td>
                  <td>{r.updatedBy ?? '—'}</td>
                  <td>{when(r.updatedAt)}</td>
                  <td>{r.comment ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
