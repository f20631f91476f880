'use client';
import { useT } from '@/app/i18n/client';

/** A rank move against the round's own policy: ↑ up (better), ↓ down, with its words for screen readers. */
export function Move({ move }: { move: number }) {
  const t = useT();
  if (move === 0) return <span className="muted">—</span>;
  const n = Math.abs(move);
  return (
    <span className={move < 0 ? 'move-up' : 'move-down'} title={t(move < 0 ? 'moveUpLabel' : 'moveDownLabel', { n })}>
      <span aria-hidden="true">{t(move < 0 ? 'moveUp' : 'moveDown', { n })}</span>
      <span className="visually-hidden">{t(move < 0 ? 'moveUpLabel' : 'moveDownLabel', { n })}</span>
    </span>
  );
}

