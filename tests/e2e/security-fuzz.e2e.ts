import { beforeAll, describe, expect, it } from 'vitest';
import { actionsInApp, pagesInApp, routesInApp } from './app-surface';
import { builtActions, freshAddress, pageOf, request, samplePath, sessionOf, type RequestOptions } from './auth-http';

/**
 * Every page, route handler and server action the app has (found by scanning app/, as the
 * authorization matrix does) is sent hostile input, as the bureau and as nobody; no answer may be a
 * 500 (finding 9). A value goes into each path parameter, into the query parameters the pages read,
 * and into every form field an action reads.
 */

/** Each value raw (for forms) and as it goes into a URL. */
const VALUES: Record<string, { raw: string; url: string }> = {
  nul: { raw: 'a\u0000b', url: 'a%00b' },
  // Far past every field's limit, yet a URL with it in every parameter stays under Node's 16 KB.
  overlong: { raw: 'x'.repeat(1200), url: 'x'.repeat(1200) },
  crlf: { raw: 'a\r\nSet-Cookie: x=1', url: 'a%0D%0ASet-Cookie:%20x=1' },
  // Bytes that are not UTF-8: in a URL as escapes; in a form, sent raw (see rawForm).
  nonUtf8: { raw: '\uFFFD', url: '%FF%FE%C0' },
  impossibleDate: { raw: '9999-99-99', url: '9999-99-99' },
  nonAscii: { raw: '乡镇／\u202E', url: '%E4%B9%A1%E9%95%87%EF%BC%8F%E2%80%AE' },
};

/** Query parameters the pages and routes read. */
const QUERY_KEYS = ['group', 'next', 'from', 'to', 'actor', 'action', 'round', 'department', 'page', 'format', 'indicator'];

/** Form fields the actions read (the union over all of them; each ignores what it does not know). */
const FIELDS = ['username', 'password', 'next', 'locale', 'current', 'confirm', 'role', 'department', 'disabled', 'slug', 'code', 'baseVersion', 'intent', 'comment', 'reason', 'score', 'indicator', 'visible', 'v.budget', 'v.staff_actual'];

const subjects = ['anonymous', 'admin'] as const;
const sessions: Record<string, string | null> = { anonymous: null };
beforeAll(async () => {
  sessions.admin = await sessionOf('admin');
});

const at = (subject: string): RequestOptions => ({ cookie: sessions[subject] ?? null, address: freshAddress() });

/** A multipart body built by hand, so a field can carry bytes that are not UTF-8. */
function rawForm(fields: Record<string, string | Buffer>): { body: Buffer; type: string } {
  const boundary = 'fuzz-boundary-7d9';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n`), Buffer.isBuffer(v) ? v : Buffer.from(v), Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

describe.each(subjects)('as %s', (subject) => {
  describe.each(Object.entries(VALUES))('%s', (_name, value) => {
    it.each(pagesInApp)('page %s', async (pattern) => {
      const urls = [
        ...(pattern.includes('[') ? [pattern.replace(/\[(\w+)\]/g, value.url)] : []),
        `${samplePath(pattern)}?${QUERY_KEYS.map((k) => `${k}=${value.url}`).join('&')}`,
      ];
      for (const url of urls) {
        const r = await request(url, at(subject));
        expect(r.status, `${url.slice(0, 120)} → ${r.body.slice(0, 200)}`).toBeLessThan(500);
      }
    });

    it.each(routesInApp)('route %s', async (key) => {
      const [method, pattern] = key.split(' ') as [string, string];
      const urls = [pattern.replace(/\[(\w+)\]/g, value.url), `${samplePath(pattern)}?${QUERY_KEYS.map((k) => `${k}=${value.url}`).join('&')}`];
      for (const url of urls) {
        let opts: RequestOptions = { ...at(subject), method };
        if (method === 'POST') {
          const form = rawForm({ file: Buffer.from(`code,name,group\r\n${value.raw},x,y\r\n`) });
          // The file part needs a filename; the hostile value goes there too.
          const body = Buffer.from(form.body.toString('latin1').replace('name="file"', `name="file"; filename="${value.raw.slice(0, 300)}.csv"`), 'latin1');
          opts = { ...opts, body, headers: { 'content-type': form.type } };
        }
        const r = await request(url, opts);
        expect(r.status, `${method} ${url.slice(0, 120)} → ${r.body.slice(0, 200)}`).toBeLessThan(500);
      }
    });

    it.each(actionsInApp)('action %s', async (key) => {
      const [file, name] = key.split('#') as [string, string];
      const built = builtActions().find((a) => a.file === file && a.name === name)!;
      const raw = value === VALUES.nonUtf8 ? Buffer.from([0xff, 0xfe, 0xc0, 0x80]) : value.raw;
      // Both shapes React sends: (formData) and (previous state, formData).
      for (const args of [['$K1'], [null, '$K1']]) {
        const fields: Record<string, string | Buffer> = {};
        for (const f of FIELDS) fields[`_1_${f}`] = raw;
        // React reads the form's entries before the argument list that refers to them.
        fields['0'] = JSON.stringify(args);
        const form = rawForm(fields);
        const r = await request(pageOf(built.workers), {
          ...at(subject),
          method: 'POST',
          body: form.body,
          headers: { 'content-type': form.type, 'next-action': built.id, accept: 'text/x-component' },
        });
        expect(r.status, `${key} → ${r.body.slice(0, 300)}`).toBeLessThan(500);
      }
    });
  });
});
