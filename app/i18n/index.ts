import { en } from './en';
import { zhCN, type Dictionary, type Message, type MessageKey } from './zh-CN';

export type { Dictionary, Message, MessageKey };
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const LOCALE_COOKIE = 'locale';

export function isLocale(x: unknown): x is Locale {
  return typeof x === 'string' && (LOCALES as readonly string[]).includes(x);
}

export function dictionary(locale: Locale): Dictionary {
  return locale === 'en' ? en : zhCN;
}

/** Fills `{name}` placeholders. Unknown placeholders stay visible, so a typo shows up on screen. */
export function fill(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

const pluralRules = new Map<Locale, Intl.PluralRules>();

/** The form of a message for a count: `{ one, other }` is chosen by the locale's plural rules on `vars.n`. */
export function pick(message: Message, locale: Locale, vars?: Vars): string {
  if (typeof message === 'string') return message;
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  const n = Number(vars?.n);
  return Number.isFinite(n) && rules.select(n) === 'one' ? message.one : message.other;
}

export function translator(locale: Locale): Translate {
  const dict = dictionary(locale);
  // A key built at run time (an action stored in the log) may be unknown: it shows as itself.
  return (key, vars) => (Object.hasOwn(dict, key) ? fill(pick(dict[key], locale, vars), vars) : key);
}

/** Whether a key built at run time (e.g. `action.${stored}`) has a message. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(zhCN, key);
}
