import { cookies } from 'next/headers';
import { formats, type Formats } from './format';
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale, translator, type Locale, type Translate } from './index';

export async function getLocale(): Promise<Locale> {
  const value = (await cookies()).get(LOCALE_COOKIE)?.value;
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

/** The viewer's language, its dictionary and its date and number formats. */
export async function getTranslator(): Promise<{ locale: Locale; t: Translate; f: Formats }> {
  const locale = await getLocale();
  return { locale, t: translator(locale), f: formats(locale) };
}
