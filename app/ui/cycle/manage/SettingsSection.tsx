import type { Translate } from '@/app/i18n';
import { formats } from '@/app/i18n/format';
import type { Round } from '@/app/lib/data';
import { ActionForm } from '@/app/ui/auth/ActionForm';
import { declareGroupsAction, settingsAction } from '@/app/rounds/[slug]/manage/actions';

/** The round's settings and its declared groups. */
export function SettingsSection({ t, round, groups }: { t: Translate; round: Round; groups: string[] }) {
  const frozen = round.status === 'published';
  return (
    <section className="card" aria-labelledby="settings-title">
      <h2 id="settings-title">{t('settingsTitle')}</h2>
      <dl className="value-grid">
        <div>
          <dt>{t('systemLabel')}</dt>
          <dd>
            <span data-name="">{round.systemName}</span>
            {t('paren', { x: `${round.systemId} · v${round.systemVersion}` })}
          </dd>
        </div>
        <div>
          <dt>{t('policyLabel')}</dt>
          <dd>{t(`policy.${round.policy}`)}</dd>
        </div>
      </dl>
      <ActionForm action={settingsAction} submit={t('saveSettings')} testId="settings-form" className="stack-form">
        <input type="hidden" name="slug" value={round.slug} />
        <div className="form-grid">
          <label>
            <span>{t('roundName')}</span>
            <input name="name" type="text" defaultValue={round.name} required maxLength={100} disabled={frozen} />
          </label>
          <label>
            <span>{t('deadline')}</span>
            <input name="deadline" type="date" defaultValue={round.deadline ? formats('zh-CN').isoDate(round.deadline) : ''} disabled={frozen} />
          </label>
          <label>
            <span>{t('panelRuleLabel')}</span>
            <select name="panelRule" defaultValue={round.panelRule} disabled={frozen}>
              <option value="mean">{t('panelRule.mean')}</option>
              <option value="trimmed-mean">{t('panelRule.trimmed-mean')}</option>
            </select>
          </label>
          <label>
            <span>{t('spreadThreshold')}</span>
            <input name="spreadThreshold" type="text" inputMode="decimal" defaultValue={round.spreadThreshold ?? ''} placeholder={t('spreadThresholdHint')} disabled={frozen} />
          </label>
          <label className="check">
            <input name="showRanking" type="checkbox" value="1" defaultChecked={round.showRankingToDepartments} /> {t('showRankingLabel')}
          </label>
        </div>
        {frozen ? (
          <>
            <input type="hidden" name="name" value={round.name} />
            <input type="hidden" name="deadline" value={round.deadline ? formats('zh-CN').isoDate(round.deadline) : ''} />
            <input type="hidden" name="panelRule" value={round.panelRule} />
            <input type="hidden" name="spreadThreshold" value={round.spreadThreshold ?? ''} />
            <p className="muted">{t('frozenSettings')}</p>
          </>
        ) : null}
      </ActionForm>
      <h3>{t('groupsTitle')}</h3>
      <p data-testid="declared-groups">
        {groups.length ? groups.map((g) => (
          <span key={g} className="badge">
            {g}
          </span>
        )) : <span className="muted">{t('noGroups')}</span>}
      </p>
      <p className="muted">{t('groupsHint')}</p>
      {!frozen ? (
        <ActionForm action={declareGroupsAction} submit={t('declareGroups')} testId="groups-form">
          <input type="hidden" name="slug" value={round.slug} />
          <label>
            {t('newGroups')}
            <input name="groups" type="text" required maxLength={2000} placeholder={t('newGroupsHint')} />
          </label>
        </ActionForm>
      ) : null}
    </section>
  );
}
