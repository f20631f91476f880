import { setLocale } from '@/app/lib/actions';
import type { Locale } from '@/app/i18n';

const CHOICES: { locale: Locale; label: string; lang: string }[] = [
  { locale: 'zh-CN', label: '中文', lang: 'zh-CN' },
  { locale: 'en', label: 'English', lang: 'en' },
];

/** A plain form, so the switch works before hydration and with the keyboard. */
export function LocaleSwitch({ locale, label }: { locale: Locale; label: string }) {
  return (
    <form action={setLocale} className="locale-switch" aria-label={label}>
      {CHOICES.map((c) => (
        <button key={c.locale} type="submit" name="locale" value={c.locale} lang={c.lang} aria-pressed={c.locale === locale}>
          {c.label}
        </button>
      ))}
    </form>
  );
}
