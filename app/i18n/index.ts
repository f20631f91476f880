import { en } from './en';
import { zhCN, type Dictionary, type MessageKey } from './zh-CN';

export type { Dictionary, MessageKey };
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

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(dict: Dictionary): Translate {
  return (key, vars) => fill(dict[key], vars);
}
