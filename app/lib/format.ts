import { fmtPercent, fmtScore, type Decimal, type FieldInfo } from '@/lib/scoring';

/** Display formats of the dashboard. Numbers arrive as engine decimals; only the text is made here. */

export { fmtScore };

/** A rate or metric value (a fraction) as a percentage with 2 decimals: 0.98214 → "98.21%". */
export function fmtRate(d: Decimal): string {
  return fmtPercent(d);
}

/** Groups the integer part of a plain decimal string in threes: "1209.54" → "1,209.54". */
export function groupDigits(raw: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(raw.trim());
  if (!m) return raw;
  return `${m[1]}${m[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] ?? ''}`;
}

/** A raw input as given, with its unit: amounts in 万元 with digit grouping, counts in 人 or 个. */
export function fmtQuantity(raw: string, info: FieldInfo | undefined): string {
  const unit = info?.unit;
  if (!unit) return raw;
  const number = unit === '万元' ? groupDigits(raw) : raw;
  return `${number} ${unit}`;
}

/** A signed score difference: "+1.00", "-2.50", "0.00". */
export function fmtSigned(d: Decimal): string {
  return d.gt(0) ? `+${fmtScore(d)}` : fmtScore(d);
}

/** A moment as the bureau reads it, in China's time zone: 2024-05-08 14:30. */
export function fmtWhen(iso: string | Date, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  void locale;
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour') === '24' ? '00' : get('hour')}:${get('minute')}`;
}

/** A date only (deadlines), in China's time zone: 2024-05-08. */
export function fmtDay(iso: string | Date): string {
  return fmtWhen(iso).slice(0, 10);
}
