'use client';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState } from 'react';
import { useT } from '@/app/i18n/client';
import type { UploadResponse } from '@/app/lib/upload-response';
import { MAX_UPLOAD_BYTES } from '@/lib/interchange/limits';

type State =
  | { phase: 'idle' }
  | { phase: 'uploading'; loaded: number; total: number }
  | { phase: 'processing' }
  | { phase: 'done'; result: UploadResponse }
  | { phase: 'error'; message: string };

/**
 * Uploads a submission file with XMLHttpRequest, whose upload events give a real progress bar
 * (fetch has none), then shows the import's problem list or the success line.
 */
export function UploadForm({ slug, locked }: { slug: string; locked: boolean }) {
  const t = useT();
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<State>({ phase: 'idle' });
  const [fileName, setFileName] = useState('');
  const id = useId();
  const busy = state.phase === 'uploading' || state.phase === 'processing';

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) {
      setState({ phase: 'error', message: t('uploadNoFile') });
      return;
    }
    // The server refuses it anyway; saying so here spares sending it.
    if (file.size > MAX_UPLOAD_BYTES) {
      setState({ phase: 'error', message: t('uploadTooLarge', { size: (file.size / 1048576).toFixed(1), max: MAX_UPLOAD_BYTES / 1048576 }) });
      return;
    }
    const body = new FormData();
    body.append('file', file);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/rounds/${encodeURIComponent(slug)}/upload`);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (ev) => {
      if (ev.lengthComputable && ev.loaded < ev.total) setState({ phase: 'uploading', loaded: ev.loaded, total: ev.total });
      else setState({ phase: 'processing' });
    };
    xhr.upload.onload = () => setState({ phase: 'processing' });
    xhr.onload = () => {
      const res = xhr.response as UploadResponse | null;
      if (!res) {
        setState({ phase: 'error', message: `HTTP ${xhr.status}` });
        return;
      }
      setState({ phase: 'done', result: res });
      if (res.ok) router.refresh();
    };
    xhr.onerror = () => setState({ phase: 'error', message: t('uploadError', { message: 'network' }) });
    setState({ phase: 'uploading', loaded: 0, total: file.size });
    xhr.send(body);
  }

  if (locked) return <p className="muted">{t('uploadLocked')}</p>;
  return (
    <div data-testid="upload">
      <form className="upload-form" onSubmit={submit}>
        {/* The native button's text follows the browser's language; this label follows the page's. */}
        <input
          id={id}
          ref={input}
          type="file"
          name="file"
          accept=".xlsx,.csv,.json"
          disabled={busy}
          className="visually-hidden"
          onChange={(e) => setFileName(e.target.files?.[0]?.name ?? '')}
        />
        <label htmlFor={id} className="button secondary">
          {t('uploadChoose')}
        </label>
        <span className="file-name">{fileName || t('uploadNoneChosen')}</span>
        <button type="submit" className="button" disabled={busy}>
          {t('uploadSubmit')}
        </button>
        {state.phase === 'uploading' ? (
          <progress max={state.total} value={state.loaded} aria-label={t('uploadProgress')}>
            {Math.round((state.loaded / Math.max(1, state.total)) * 100)}%
          </progress>
        ) : null}
        {state.phase === 'processing' ? (
          <>
            <progress aria-label={t('uploadProgress')} />
            <span>{t('uploadProcessing')}</span>
          </>
        ) : null}
      </form>
      <div aria-live="polite" className="problems">
        {state.phase === 'error' ? <p className="status-bad">{state.message}</p> : null}
        {state.phase === 'done' && state.result.ok ? (
          <>
            <p className="status-ok">{t('uploadOk', { n: state.result.departments, added: state.result.newDepartments })}</p>
            {state.result.warnings?.length ? (
              <ul className="muted" data-testid="upload-warnings">
                {state.result.warnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            ) : null}
          </>
        ) : null}
        {state.phase === 'done' && !state.result.ok ? <Problems result={state.result} /> : null}
      </div>
    </div>
  );
}

function Problems({ result }: { result: Extract<UploadResponse, { ok: false }> }) {
  const t = useT();
  return (
    <>
      <p className="status-bad">{t('uploadFailed', { n: (result.problems.length + (result.more ?? 0)).toLocaleString('en') })}</p>
      <div className="table-scroll" style={{ maxHeight: 320 }}>
        <table className="data" data-testid="upload-problems">
          <thead>
            <tr>
              <th scope="col">{t('problemSheet')}</th>
              <th scope="col" className="num">{t('problemRow')}</th>
              <th scope="col">{t('problemColumn')}</th>
              <th scope="col">{t('problemDepartment')}</th>
              <th scope="col">{t('problemField')}</th>
              <th scope="col">{t('problemMessage')}</th>
            </tr>
          </thead>
          <tbody>
            {result.problems.map((p, i) => (
              <tr key={i}>
                <td>{p.sheet ?? ''}</td>
                <td className="num">{p.row ?? ''}</td>
                <td>{p.column ?? ''}</td>
                <td>{p.department ?? ''}</td>
                <td>
                  {/* What the clerk sees first; the key after it, in grey, for the technical reader. */}
                  {p.header ? <span>{p.header} </span> : null}
                  {p.field ? <code>{p.field}</code> : null}
                </td>
                <td>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {result.more ? (
        <p className="status-bad" data-testid="upload-more">
          {t('uploadMoreProblems', { shown: result.problems.length, n: result.more.toLocaleString('en') })}
        </p>
      ) : null}
    </>
  );
}
