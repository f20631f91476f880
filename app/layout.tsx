import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './globals.css';
import './ui/print.css';
import type { Metadata } from 'next';
import { NuqsAdapter } from 'nuqs/adapters/next/app';
import type { ReactNode } from 'react';
import { I18nProvider } from './i18n/client';
import { getTranslator } from './i18n/server';
import { UserMenu } from './ui/auth/UserMenu';
import { LocaleSwitch } from './ui/layout/LocaleSwitch';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('appTitle'), description: t('appDescription') };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale, t } = await getTranslator();
  return (
    <html lang={locale}>
      <body>
        <a className="skip-link" href="#main">
          {t('skipToContent')}
        </a>
        <header className="app-header">
          <div className="container">
            <a className="brand" href="/">
              {t('appTitle')}
            </a>
            <span className="header-spacer" />
            <UserMenu locale={locale} />
            <LocaleSwitch locale={locale} label={t('language')} />
          </div>
        </header>
        <I18nProvider locale={locale}>
          <NuqsAdapter>
            <main id="main" className="container" tabIndex={-1}>
              {children}
            </main>
          </NuqsAdapter>
        </I18nProvider>
      </body>
    </html>
  );
}
