import { fmtQuantity } from '@/app/lib/format';
import type { Locale } from './index';

/**
 * Dates and amounts as the viewer reads them, one helper per language. Every moment is shown in
 * China's time zone, whoever looks: the bureau's day is the day that counts (a deadline, a
 * publication). zh-CN writes 2024-05-08 14:30, as forms and the bureau's documents do; English
 * writes 8 May 2024, 14:30. Amounts read the same in both (1,049.6 万元: the unit is data).
 */
export interface Formats {
  /** A moment to the minute. */
  dateTime(at: string | Date): string;
  /** A day. */
  date(at: string | Date): string;
  /** A day as a signed document carries it: 2024年5月8日; in English as `date`. */
  documentDate(at: string | Date): string;
  /** A day as an <input type="date"> value, 2024-05-08, whatever the language. */
  isoDate(at: string | Date): string;
  quantity: typeof fmtQuantity;
}

const ZONE = 'Asia/Shanghai';
const toDate = (at: string | Date) => (typeof at === 'string' ? new Date(at) : at);

function isoParts(d: Date): Record<string, string> {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(d);
  return Object.fromEntries(parts.map((p) => [p.type, p.value]));
}

function isoDate(at: string | Date): string {
  const p = isoParts(toDate(at));
  return `${p.year}-${p.month}-${p.day}`;
}

const enDateTime = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const enDate = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, day: 'numeric', month: 'short', year: 'numeric' });

const zh: Formats = {
  dateTime: (at) => {
    const p = isoParts(toDate(at));
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
  },
  date: isoDate,
  documentDate: (at) => {
    const p = isoParts(toDate(at));
    return `${p.year}年${Number(p.month)}月${Number(p.day)}日`;
  },
  isoDate,
  quantity: fmtQuantity,
};

const en: Formats = {
  dateTime: (at) => enDateTime.format(toDate(at)),
  date: (at) => enDate.format(toDate(at)),
  documentDate: (at) => enDate.format(toDate(at)),
  isoDate,
  quantity: fmtQuantity,
};

export function formats(locale: Locale): Formats {
  return locale === 'en' ? en : zh;
}
