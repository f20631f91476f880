'use client';
import { useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';

const FOCUSABLE = 'a[href], button';

/**
 * The ARIA grid pattern's keyboard model for a table's body: one tab stop (the last cell used, at
 * first the first one), arrow keys move between cells, Home/End to the row's ends, Ctrl+Home/End
 * to the grid's corners, PageUp/PageDown ten rows. Cells are the links and buttons in the body's
 * rows; the tab stop is kept in the DOM (tabindex), so a grid of thousands of cells re-renders
 * nothing when it moves.
 */
export function useRovingGrid(table: RefObject<HTMLTableElement | null>, enabled: boolean) {
  const at = useRef<[number, number]>([0, 0]);

  const rows = () => Array.from(table.current?.tBodies[0]?.rows ?? []).map((tr) => Array.from(tr.querySelectorAll<HTMLElement>(FOCUSABLE)));

  const place = (cells: HTMLElement[][], focus: boolean) => {
    const r = Math.min(at.current[0], cells.length - 1);
    if (r < 0) return;
    const row = cells[r]!;
    const c = Math.min(at.current[1], row.length - 1);
    at.current = [r, Math.max(c, 0)];
    for (const line of cells) for (const el of line) el.tabIndex = -1;
    const target = row[at.current[1]];
    if (!target) return;
    target.tabIndex = 0;
    if (focus) target.focus();
  };

  // After every render (paging, sorting, filtering) exactly one cell is a tab stop again.
  useEffect(() => {
    if (enabled) place(rows(), false);
  });

  const onKeyDown = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    if (!enabled) return;
    const cells = rows();
    const r = cells.findIndex((line) => line.includes(e.target as HTMLElement));
    if (r < 0) return;
    const c = cells[r]!.indexOf(e.target as HTMLElement);
    const last = cells.length - 1;
    const move: Record<string, [number, number] | undefined> = {
      ArrowRight: [r, c + 1],
      ArrowLeft: [r, c - 1],
      ArrowDown: [r + 1, c],
      ArrowUp: [r - 1, c],
      Home: e.ctrlKey ? [0, 0] : [r, 0],
      End: e.ctrlKey ? [last, Infinity] : [r, Infinity],
      PageDown: [r + 10, c],
      PageUp: [r - 10, c],
    };
    const next = move[e.key];
    if (!next) return;
    e.preventDefault();
    at.current = [Math.max(0, Math.min(next[0], last)), Math.max(0, next[1])];
    place(cells, true);
  };

  // A click or a focus by other means (a screen reader's cursor) makes that cell the tab stop.
  const onFocus = (e: { target: EventTarget }) => {
    if (!enabled) return;
    const cells = rows();
    const r = cells.findIndex((line) => line.includes(e.target as HTMLElement));
    if (r < 0) return;
    at.current = [r, cells[r]!.indexOf(e.target as HTMLElement)];
    place(cells, false);
  };

  return { onKeyDown, onFocus };
}
