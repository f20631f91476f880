import { describe, expect, it } from 'vitest';
import { parseAuditQuery } from '@/app/admin/audit/filter';
import { safeNext } from '@/app/lib/auth/redirect';
import { formFields, loginHref } from '@/app/lib/auth/guard';
import { contentSecurityPolicy, securityHeaders } from '@/lib/security/headers';
import { requestRefusal, type RequestFacts } from '@/lib/security/request-check';

/**
 * Redirect targets after login (finding 2). Each string is a known way to make a "same-site path"
 * check let a browser go elsewhere; the browser's reading of each is noted.
 */
const BYPASSES: [string, string][] = [
  ['/\t/evil.example/x', 'tab dropped by the browser → //evil.example/x (the issue’s ?next=/%09/evil.example/x)'],
  ['/\n/evil.example', 'newline dropped → //evil.example'],
  ['/\r\n/evil.example', 'CR/LF dropped → //evil.example'],
  ['//evil.example', 'protocol-relative'],
  ['///evil.example', 'three slashes: still a host'],
  ['/\\evil.example', 'backslash read as slash'],
  ['/\\/evil.example', 'mixed slashes'],
  ['\\\\evil.example', 'two backslashes'],
  ['/..//evil.example', 'dot-segment removal leaves //evil.example'],
  ['/.%2e//evil.example', 'encoded dot segment'],
  ['/%2F%2Fevil.example', 'encoded slashes, decoded by a later hop'],
  ['/%2f/evil.example', 'one encoded slash'],
  ['/%5Cevil.example', 'encoded backslash'],
  ['/%09/evil.example', 'encoded tab left in the path'],
  [' //evil.example', 'leading space trimmed by the browser'],
  ['\u0000//evil.example', 'leading NUL'],
  ['https://evil.example/', 'absolute URL'],
  ['http:evil.example', 'scheme without slashes'],
  ['javascript:alert(1)', 'script URL'],
  ['/login?next=//evil.example', 'back to the login (a loop, and a second hop)'],
];

describe('redirect targets (finding 2)', () => {
  it.each(BYPASSES)('refuses %j (%s)', (next) => {
    expect(safeNext(next)).toBe('/');
  });

  it('keeps ordinary paths of this site, with their query and fragment', () => {
    expect(safeNext('/rounds/2021/submission')).toBe('/rounds/2021/submission');
    expect(safeNext('/rounds/2021?group=%E4%B9%A1%E9%95%87#chart')).toBe('/rounds/2021?group=%E4%B9%A1%E9%95%87#chart');
  });

  it('percent-encodes non-ASCII, so the answer is always a valid Location header (finding 9)', () => {
    expect(safeNext('/rounds/2021?group=乡镇')).toBe('/rounds/2021?group=%E4%B9%A1%E9%95%87');
    expect(safeNext('/部门/二〇二一')).toMatch(/^\/[\x21-\x7e]+$/);
  });

  it('sends an anonymous visitor to the login with the same check applied', () => {
    expect(loginHref('/rounds/2021')).toBe('/login?next=%2Frounds%2F2021');
    expect(loginHref('//evil.example')).toBe('/login?next=%2F');
  });
});

describe('form input with NUL (finding 9)', () => {
  it('is refused before any field reaches the database', () => {
    const f = new FormData();
    f.set('username', 'adm\u0000in');
    expect(formFields(f)).toBeNull();
    const ok = new FormData();
    ok.set('username', 'admin');
    expect(formFields(ok)).toEqual({ username: 'admin' });
  });
});

describe('impossible dates in the audit filter (finding 9)', () => {
  it('are dropped, like any other value it cannot read', () => {
    for (const d of ['9999-99-99', '2024-02-30', '2024-13-01', '0000-00-00']) {
      const { filter } = parseAuditQuery({ from: d, to: d });
      expect(filter.from).toBeUndefined();
      expect(filter.to).toBeUndefined();
    }
    expect(parseAuditQuery({ from: '2024-02-29' }).filter.from).toEqual(new Date('2024-02-28T16:00:00Z'));
  });
});

describe('requests refused before they reach the app (finding 9)', () => {
  const facts = (url: string, h: Record<string, string> = {}, method = 'GET', full = false): RequestFacts => ({
    method,
    url: `http://kb.example.cn${url}`,
    get: (n) => ({ host: 'kb.example.cn', ...h })[n.toLowerCase()] ?? null,
    passwordQueueFull: () => full,
  });

  it('answers 400 for a NUL anywhere in the URL', () => {
    expect(requestRefusal(facts('/rounds/%00'), [])).toMatchObject({ status: 400 });
    expect(requestRefusal(facts('/admin/audit?actor=a%00b'), [])).toMatchObject({ status: 400 });
    expect(requestRefusal(facts('/rounds/2021?group=%E4%B9%A1'), [])).toBeNull();
  });

  it('answers 400 for a path that is not UTF-8', () => {
    expect(requestRefusal(facts('/rounds/%FF%FE'), [])).toMatchObject({ status: 400 });
  });

  it('answers 403, not 500, for a server action posted from another site', () => {
    const r = requestRefusal(facts('/account', { 'next-action': 'abc', origin: 'https://evil.example' }, 'POST'), []);
    expect(r).toEqual({ status: 403, message: '请求来自其他网站（evil.example），为防跨站请求伪造已拒绝' });
    expect(requestRefusal(facts('/account', { 'next-action': 'abc', origin: 'http://kb.example.cn' }, 'POST'), [])).toBeNull();
  });

  it('answers 413 for a form body over 1 MB, before it is read', () => {
    expect(requestRefusal(facts('/login', { 'content-length': String(5 * 1024 * 1024) }, 'POST'), [])).toMatchObject({ status: 413 });
  });

  it('answers 429 to a login while the password queue is full', () => {
    const login = facts('/login', { 'next-action': 'abc', origin: 'http://kb.example.cn' }, 'POST', true);
    expect(requestRefusal(login, [])).toMatchObject({ status: 429 });
    expect(requestRefusal({ ...login, passwordQueueFull: () => false }, [])).toBeNull();
  });
});

describe('security headers (finding 8)', () => {
  it('allow scripts only with the response’s nonce, never eval, and forbid framing and plugins', () => {
    const csp = contentSecurityPolicy('abc123');
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('come as one set with nosniff and same-origin referrers', () => {
    expect(securityHeaders('n')).toMatchObject({ 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'same-origin', 'X-Frame-Options': 'DENY' });
  });
});
