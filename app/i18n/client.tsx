'use client';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { formats, type Formats } from './format';
import { translator, type Locale, type Translate } from './index';

const LocaleContext = createContext<Locale>('zh-CN');

/** Both dictionaries are small, so client components look messages up locally instead of receiving them as props. */
export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useT(): Translate {
  const locale = useContext(LocaleContext);
  return useMemo(() => translator(locale), [locale]);
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

export function useFormats(): Formats {
  const locale = useContext(LocaleContext);
  return useMemo(() => formats(locale), [locale]);
}
