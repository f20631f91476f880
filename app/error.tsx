'use client';
import { useT } from '@/app/i18n/client';

/** Shows the plain message the data layer threw (it names what failed) and offers a retry. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useT();
  return (
    <section className="card" role="alert">
      <h1>{t('errorTitle')}</h1>
      <p>{t('errorText', { message: error.message })}</p>
      <button type="button" className="button" onClick={reset}>
        {t('retry')}
      </button>
    </section>
  );
}
