import { getLocale } from '@/app/i18n/server';
import { authTranslator, type AuthT } from './messages';

export async function getAuthT(): Promise<{ locale: Awaited<ReturnType<typeof getLocale>>; at: AuthT }> {
  const locale = await getLocale();
  return { locale, at: authTranslator(locale) };
}
