import '@/app/ui/auth/auth.css';
import '@/app/ui/cycle/cycle.css';
import { notFound } from 'next/navigation';
import { getTranslator } from '@/app/i18n/server';
import { requireUser } from '@/app/lib/auth/guard';
import { fetchManage } from '@/app/lib/data';
import { RoundHeader } from '@/app/ui/layout/RoundHeader';
import { AccessSection } from '@/app/ui/cycle/manage/AccessSection';
import { MembersSection } from '@/app/ui/cycle/manage/MembersSection';
import { SettingsSection } from '@/app/ui/cycle/manage/SettingsSection';
import { StatusSection } from '@/app/ui/cycle/manage/StatusSection';

export const dynamic = 'force-dynamic';

/** The bureau's page for one round: its status and publications, settings and groups, units, accounts and reviewers. */
export default async function ManagePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const viewer = await requireUser('round:manage', { returnTo: `/rounds/${encodeURIComponent(slug)}/manage` });
  const data = await fetchManage(viewer, slug);
  if (!data) notFound();
  const { t, locale } = await getTranslator();
  const frozen = data.round.status === 'published';
  return (
    <>
      <RoundHeader t={t} locale={locale} viewer={viewer} rounds={data.rounds} round={data.context} section="manage" path="/manage" groupSwitch={false} title={
          <>
            <span data-name="">{data.round.name}</span> · {t('navManage')}
          </>
        } />
      <StatusSection t={t} locale={locale} slug={slug} status={data.round.status} blockers={data.blockers.length} publications={data.publications} />
      <MembersSection t={t} slug={slug} frozen={frozen} groups={data.groups} members={data.members} reviewers={data.reviewers} otherRounds={data.otherRounds} notEnrolled={data.notEnrolled} />
      <AccessSection t={t} slug={slug} frozen={frozen} members={data.members} reviewers={data.reviewers} />
      <SettingsSection t={t} round={data.round} groups={data.groups} />
    </>
  );
}
