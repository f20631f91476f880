'use client';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';

/**
 * The group links of a round's page. The table's sort and page size stay; its page and name
 * filter start over, since the other group has other units.
 */
export function GroupSwitch({ base, groups, current, label }: { base: string; groups: string[]; current: string | null; label: string }) {
  const params = useSearchParams();
  const href = (g: string) => {
    const q = new URLSearchParams({ group: g });
    for (const k of ['sort', 'size']) {
      const v = params.get(k);
      if (v !== null) q.set(k, v);
    }
    return `${base}?${q}`;
  };
  return (
    <div className="field">
      <span id="group-label">{label}</span>
      <nav className="segmented" aria-labelledby="group-label">
        {groups.map((g) => (
          <Link key={g} href={href(g)} aria-current={g === current ? 'true' : undefined} data-name="">
            {g}
          </Link>
        ))}
      </nav>
    </div>
  );
}
