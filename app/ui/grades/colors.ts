/**
 * One colour per grade band, in the system's order (highest first): greens and blues for the
 * upper bands, the lowest band always red, so 差 reads as a warning in any system. The same
 * colours in the table (CSS classes), the charts and the PDFs.
 */
const UPPER = ['#1b7f4c', '#2a6fb0', '#b7791f', '#7a6c9d', '#5b6b7a'];
const LOWEST = '#c0392b';

/** The colour of band `index` among `count` bands. */
export function gradeColor(index: number, count: number): string {
  if (index < 0) return '#6b7785';
  return index === count - 1 ? LOWEST : UPPER[index % UPPER.length]!;
}

/** The CSS class of band `index` (see globals.css `.grade-badge`). */
export function gradeClass(index: number, count: number): string {
  if (index < 0) return 'grade-badge';
  return `grade-badge ${index === count - 1 ? 'g-low' : `g${index % UPPER.length}`}`;
}
