'use client';
import { useRouter } from 'next/navigation';
import { useT } from '@/app/i18n/client';
import type { RoundSummary } from '@/app/lib/views/types';

/** Switches round, keeping the page type (rankings, indicators…) via `suffix`. */
export function RoundSelect({ rounds, current, suffix }: { rounds: RoundSummary[]; current: string; suffix: string }) {
  const t = useT();
  const router = useRouter();
  return (
    <label className="field">
      {t('round')}
      <select
        value={current}
        onChange={(e) => router.push(`/rounds/${encodeURIComponent(e.target.value)}${suffix}`)}
        data-testid="round-select"
      >
        {rounds.map((r) => (
          <option key={r.slug} value={r.slug}>
            {r.name}（{r.year}）
          </option>
        ))}
      </select>
    </label>
  );
}
