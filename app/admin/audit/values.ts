/**
 * An audit entry's before/after values as readable lines: nested keys joined with dots
 * ("values.duty_completion: 7.5"), lists of versions summarised by their length.
 */
export function valueLines(v: unknown, prefix = ''): string[] {
  if (v === null || v === undefined) return prefix ? [`${prefix}: —`] : [];
  if (typeof v !== 'object') return [`${prefix || 'value'}: ${String(v)}`];
  if (Array.isArray(v)) return [`${prefix}: ${v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ')}`];
  const entries = Object.entries(v as Record<string, unknown>);
  // Large maps (e.g. the versions an import stored for 1,000 units) would swamp the page: count them.
  if (prefix && entries.length > 12) return [`${prefix}: ${entries.length} 项`];
  return entries.flatMap(([k, x]) => valueLines(x, prefix ? `${prefix}.${k}` : k));
}
