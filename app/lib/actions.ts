'use server';
import { cookies } from 'next/headers';
import { z } from 'zod';
import { LOCALE_COOKIE, LOCALES } from '@/app/i18n';

const LocaleForm = z.object({ locale: z.enum(LOCALES) });

/** The language switch. A year-long cookie; the page re-renders in the new language after the action. */
export async function setLocale(formData: FormData): Promise<void> {
  // Called by hand, an action can get anything as its argument.
  if (!(formData instanceof FormData)) return;
  const parsed = LocaleForm.safeParse({ locale: formData.get('locale') });
  if (!parsed.success) return;
  (await cookies()).set(LOCALE_COOKIE, parsed.data.locale, {
    path: '/',
    maxAge: 60 * 60 * 24 * 365,
    sameSite: 'lax',
    httpOnly: false,
  });
}
