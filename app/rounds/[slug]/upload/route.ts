import { NextResponse } from 'next/server';
import type { UploadResponse } from '@/app/lib/upload-response';
import { can } from '@/lib/auth/roles';
import { listedProblems, MAX_ROWS, MAX_UPLOAD_BYTES, readBounded } from '@/lib/interchange/limits';
import { getTranslator } from '@/app/i18n/server';
import type { Translate } from '@/app/i18n';
import { withSecurityHeaders } from '@/lib/security/headers';
import { guardRoute } from '@/app/lib/auth/guard';
import { fetchImportTarget } from '@/app/lib/data';
import { importUpload } from '@/app/lib/services/imports';

export const dynamic = 'force-dynamic';

const reply = (body: UploadResponse, status = 200) => NextResponse.json(body, { status, headers: { 'cache-control': 'no-store' } });
const refuse = (message: string, status: number) => reply({ ok: false, problems: [{ message }] }, status);
/** Refused unread: the connection is closed after the answer rather than drained of the rest. */
const tooLargeText = (t: Translate, bytes?: number) => {
  const limits = { max: MAX_UPLOAD_BYTES / 1048576, rows: MAX_ROWS.toLocaleString('en') };
  return bytes ? t('uploadTooLargeSized', { ...limits, size: `${(bytes / 1048576).toFixed(1)} MB` }) : t('uploadTooLargeUnsized', limits);
};
const tooLarge = (t: Translate, bytes?: number) => {
  const r = refuse(tooLargeText(t, bytes), 413);
  r.headers.set('connection', 'close');
  return r;
};

/** A multipart body carries a little more than the file: its boundaries and part headers. */
const MULTIPART_OVERHEAD = 64 * 1024;
const SLUG = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/**
 * The web import of a submission file into an existing round: the same validation and the same
 * all-or-nothing import as `npm run import`, answering with its problem list (the first 200, and
 * how many more). The body is never trusted with memory: a Content-Length over the limit is refused
 * before anything is read, and the body is read as a stream that is cut off at the limit.
 * This route is outside proxy.ts (which would buffer the body first), so it sets the headers itself.
 */
export const POST = withSecurityHeaders(
  guardRoute<{ slug: string }>(
    (viewer) => can(viewer, 'round:import'),
    async (req, { viewer, params: { slug }, address }) => {
      // The web imports into rounds that exist; creating a round (and choosing its system) is the CLI's job.
      // Refusals in the viewer's language; the file's own problems are the importer's (Chinese, with the cell).
      const { t } = await getTranslator();
      const noRound = () => refuse(t('uploadNoRound', { slug: slug.slice(0, 64) }), 404);
      if (!SLUG.test(slug) || !(await fetchImportTarget(viewer, slug))) return noRound();
      const limit = MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD;
      const declared = Number(req.headers.get('content-length') ?? NaN);
      if (declared > limit) return tooLarge(t, declared);
      const type = req.headers.get('content-type') ?? '';
      if (!/^multipart\/form-data;/i.test(type)) return refuse(t('uploadNotMultipart'), 400);
      const body = await readBounded(req.body, limit);
      if (!body.ok) return tooLarge(t);
      let file: FormDataEntryValue | null;
      try {
        // Parsed only now that the whole body is known to be within the limit.
        file = (await new Response(new Uint8Array(body.buffer), { headers: { 'content-type': type } }).formData()).get('file');
      } catch {
        return refuse(t('uploadMalformed'), 400);
      }
      if (!file || typeof file === 'string') return refuse(t('uploadNoFileField'), 400);
      if (file.size > MAX_UPLOAD_BYTES) return refuse(tooLargeText(t, file.size), 413);
      const result = await importUpload(viewer, slug, { name: file.name, buffer: Buffer.from(await file.arrayBuffer()) }, { address });
      if (!result) return noRound();
      if (!result.ok) {
        const { problems, more } = listedProblems(result);
        return reply({ ok: false, problems, ...(more ? { more } : {}) }, 422);
      }
      return reply({ ok: true, departments: result.departments, newDepartments: result.newDepartments, ...(result.warnings?.length ? { warnings: result.warnings } : {}) });
    },
  ),
);
