'use client';
import { useRouter, useSearchParams } from 'next/navigation';
import { useT } from '@/app/i18n/client';
import { KEPT_ACROSS_ROUNDS } from '@/app/lib/search-params';
import type { RoundSummary } from '@/app/lib/views/types';

/**
 * Switches round and keeps the viewer's place: the same page (rankings, indicators, one unit's
 * 评分表…), the same group, sort, filter and page. `path` is the page after /rounds/<round>;
 * `pathIn`, when given, lists the rounds where that page exists (a unit's 评分表 exists only where
 * the unit took part); elsewhere the switch opens the round's rankings.
 */
export function RoundSelect({ rounds, current, path, pathIn }: { rounds: RoundSummary[]; current: string; path: string; pathIn?: string[] }) {
  const t = useT();
  const router = useRouter();
  const params = useSearchParams();
  const go = (slug: string) => {
    const kept = new URLSearchParams();
    for (const k of KEPT_ACROSS_ROUNDS) {
      const v = params.get(k);
      if (v !== null) kept.set(k, v);
    }
    const here = !pathIn || pathIn.includes(slug) ? path : '';
    const query = kept.toString();
    router.push(`/rounds/${encodeURIComponent(slug)}${here}${query ? `?${query}` : ''}`);
  };
  return (
    <label className="field">
      {t('round')}
      <select value={current} onChange={(e) => go(e.target.value)} data-testid="round-select">
        {rounds.map((r) => (
          <option key={r.slug} value={r.slug} data-name="">
            {r.name}
            {t('paren', { x: r.year })}
          </option>
        ))}
      </select>
    </label>
  );
}
