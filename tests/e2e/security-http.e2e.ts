import http from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { tableColumns } from '@/lib/interchange/table';
import { builtinSystem, type System } from '@/lib/scoring';
import { badRowsCsv, lyingZip } from '../security/bombs';
import { builtActions, callAction, DEMO, freshAddress, login, request, sessionOf } from './auth-http';
import { baseURL } from './helpers';

/**
 * Issue 8 over HTTP against the running server (`npm start`), one block per finding of the probe.
 * Client addresses are real: each request is sent from a loopback address of its own.
 */

const action = (file: string, name: string) => builtActions().find((a) => a.file === file && a.name === name)!;
const LOGIN = () => action('app/login/actions.ts', 'loginAction');
const CREATE_USER = () => action('app/admin/users/actions.ts', 'createUserAction');
const CHANGE_PASSWORD = () => action('app/account/actions.ts', 'changePasswordAction');
const keys = tableColumns(builtinSystem('julu-2021') as System).map((c) => c.key);

let admin: string;
beforeAll(async () => {
  admin = await sessionOf('admin');
});

/** A leader account of this test's own, so throttling one account leaves the others alone. */
async function newAccount(username: string, password: string): Promise<void> {
  const r = await callAction(CREATE_USER(), { username, role: 'leader', password }, { cookie: admin });
  expect(r.result).toMatchObject({ ok: true });
}

const message = (r: { result: unknown }) => (r.result as { message?: string } | null)?.message ?? '';

describe('open redirect (finding 2)', () => {
  it('a signed-in visit of /login?next=/%09/evil.example/x goes home, not to evil.example', async () => {
    for (const next of ['/%09/evil.example/x', '/%5Cevil.example', '//evil.example', '/%2F%2Fevil.example', '/..//evil.example']) {
      const r = await request(`/login?next=${next}`, { cookie: admin });
      expect(r.status, next).toBe(307);
      expect(r.location, next).toBe('/');
    }
  });

  it('the login itself sends the browser home for the same strings', async () => {
    const r = await callAction(LOGIN(), { ...DEMO.leader, next: '/\t/evil.example/x' }, { page: '/login', address: freshAddress() });
    expect(r.redirect).toMatch(/^\/;/);
  });
});

describe('client address (finding 5)', () => {
  it('is the socket’s: rotating X-Forwarded-For no longer dodges the per-address limit, and the audit log shows the real address', async () => {
    const from = freshAddress();
    const answers: string[] = [];
    for (let i = 0; i < 24; i++) {
      const r = await callAction(LOGIN(), { username: `nobody-${i}`, password: 'wrong-password-here', next: '/' }, { page: '/login', address: from, headers: { 'x-forwarded-for': `203.0.113.${i}` } });
      answers.push(message(r));
    }
    // Today's main took the rotated header as the address: 60 guesses, 0 refused.
    expect(answers.filter((m) => m.startsWith('本机登录失败次数过多')).length).toBeGreaterThan(0);
    const audit = await request('/admin/audit?action=auth.login_failed', { cookie: admin });
    expect(audit.body).toContain(from);
    expect(audit.body).not.toContain('203.0.113.');
  });
});

describe('the current-password check (finding 6)', () => {
  it('is throttled like a login: guesses through the password form are slowed', async () => {
    await newAccount('pw-guessed', 'the real passphrase 1');
    const from = freshAddress();
    const { cookie } = await login('pw-guessed', 'the real passphrase 1', { address: from });
    const answers: string[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await callAction(CHANGE_PASSWORD(), { current: `guess-${i}`, next: 'another passphrase 2', confirm: 'another passphrase 2' }, { cookie, address: from });
      answers.push(message(r));
    }
    // Today's main: eight times 当前密码不正确, and as many more as one cares to send.
    expect(answers.slice(0, 2)).toEqual(['当前密码不正确', '当前密码不正确']);
    expect(answers.some((m) => /后再试$/.test(m))).toBe(true);
    expect(answers.filter((m) => m === '当前密码不正确').length).toBeLessThan(4);
  });
});

describe('lockout as denial of service (finding 10)', () => {
  it('wrong passwords from elsewhere do not keep the owner out', async () => {
    await newAccount('dos-target', 'owner passphrase 77');
    const attacker = freshAddress();
    for (let i = 0; i < 10; i++) await login('dos-target', `wrong-${i}-password`, { address: attacker });
    // On today's main the account was now locked for 15 minutes, whoever tried.
    const owner = await login('dos-target', 'owner passphrase 77', { address: freshAddress() });
    expect(owner.cookie).not.toBeNull();
    // The attacker's own address is slowed, with the wait in the message.
    const again = await login('dos-target', 'wrong-again-password', { address: attacker });
    expect(message(again.reply)).toMatch(/请 \d+ (秒|分钟)后再试$/);
  });
});

describe('a burst of logins (finding 7)', () => {
  it('is refused fast (429, or “busy” from the action) beyond a few at a time, and never with a 500', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 80 }, (_, i) =>
        callAction(LOGIN(), { username: `flood-${i}`, password: 'wrong-password-flood', next: '/' }, { page: '/login', address: freshAddress() }).then((r) => ({
          status: r.status,
          busy: (r.result as { busy?: boolean } | null)?.busy === true || message(r).includes('服务器正忙'),
        })),
      ),
    );
    expect(statuses.every((s) => s.status < 500)).toBe(true);
    expect(statuses.filter((s) => s.status === 429 || s.busy).length).toBeGreaterThan(0);
    // And a real user gets in right after.
    expect((await login(DEMO.leader.username, DEMO.leader.password)).cookie).not.toBeNull();
  });
});

describe('security headers (finding 8)', () => {
  const expectHeaders = (h: Headers, what: string) => {
    const csp = h.get('content-security-policy') ?? '';
    expect(csp, what).toMatch(/default-src 'self'/);
    expect(csp, what).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp, what).toContain("frame-ancestors 'none'");
    expect(csp, what).toContain("object-src 'none'");
    expect(csp, what).not.toContain('unsafe-eval');
    expect(h.get('x-content-type-options'), what).toBe('nosniff');
    expect(h.get('referrer-policy'), what).toBe('same-origin');
    expect(h.get('x-frame-options'), what).toBe('DENY');
    expect(h.get('x-powered-by'), what).toBeNull();
  };

  it('are on every kind of response: pages, redirects, routes, actions, static files, errors, refusals', async () => {
    const page = await request('/login');
    expectHeaders(page.headers, 'page');
    expectHeaders((await request('/login', { method: 'HEAD' })).headers, 'HEAD');
    expectHeaders((await request('/rounds/2021', { cookie: admin })).headers, 'rankings');
    expectHeaders((await request('/account')).headers, 'redirect to login');
    expectHeaders((await request('/rounds/2021/export?format=csv', { cookie: admin })).headers, 'route');
    expectHeaders((await request('/no/such/page', { cookie: admin })).headers, '404');
    expectHeaders((await request('/rounds/%00')).headers, '400 from the proxy');
    expectHeaders((await request('/rounds/2021/upload', { method: 'POST', cookie: admin, body: new FormData() })).headers, 'upload route');
    const asset = page.body.match(/\/_next\/static\/[^"]+\.js/)![0];
    expectHeaders((await request(asset)).headers, 'static file');
    expectHeaders((await callAction(LOGIN(), { username: 'x', password: 'y' }, { page: '/login', address: freshAddress() })).headers, 'server action');
  });

  it('give each response a fresh nonce, the one Next put on its scripts', async () => {
    const a = await request('/login');
    const b = await request('/login');
    const nonce = (r: typeof a) => r.headers.get('content-security-policy')!.match(/'nonce-([^']+)'/)![1]!;
    expect(nonce(a)).not.toBe(nonce(b));
    const scripts = [...a.body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) expect(s).toContain(`nonce="${nonce(a)}"`);
  });
});

describe('bad input answers 4xx, not 500 (finding 9)', () => {
  it('a NUL in a username, a slug or a filter', async () => {
    const r = await callAction(LOGIN(), { username: 'adm\u0000in', password: 'whatever', next: '/' }, { page: '/login', address: freshAddress() });
    expect(r.status).toBe(200);
    expect(message(r)).toContain('NUL');
    expect((await request('/rounds/20%0021', { cookie: admin })).status).toBe(400);
    expect((await request('/rounds/2021/departments/x%00y', { cookie: admin })).status).toBe(400);
    expect((await request('/admin/audit?actor=a%00b', { cookie: admin })).status).toBe(400);
    expect((await request('/rounds/2021/explain?department=x%00&indicator=y', { cookie: admin })).status).toBe(400);
  });

  it('an impossible date in the audit filter', async () => {
    const r = await request('/admin/audit?from=9999-99-99&to=2024-02-30', { cookie: admin });
    expect(r.status).toBe(200);
  });

  it('CR/LF or non-ASCII in next', async () => {
    expect(await request('/login?next=/%0D%0ASet-Cookie:%20x=1', { cookie: admin })).toMatchObject({ status: 307, location: '/' });
    expect(await request('/login?next=/rounds/2021?group=%E4%B9%A1%E9%95%87', { cookie: admin })).toMatchObject({ status: 307, location: '/rounds/2021?group=%E4%B9%A1%E9%95%87' });
    const r = await callAction(LOGIN(), { ...DEMO.leader, next: '/部门\r\n' }, { page: '/login', address: freshAddress() });
    expect(r.status).toBeLessThan(500);
  });

  it('a server action from a foreign origin is a 403', async () => {
    const r = await callAction(LOGIN(), { username: 'x', password: 'y' }, { page: '/login', origin: 'https://evil.example', address: freshAddress() });
    expect(r.status).toBe(403);
  });
});

/** A POST of `total` bytes streamed in 1 MB chunks; resolves with the answer and how much was sent by then. */
/**
 * Streams a `total`-byte upload. With `pauseAfter`, it stops after that many bytes and waits up to 10 s
 * for the answer before it sends the rest: a server that refuses from the headers answers while the
 * client is idle (no write races the server closing the connection), and one that reads the body
 * gets it all and fails the size check on `sentBeforeAnswer`.
 */
function streamUpload(total: number, opts: { contentLength?: number; cookie: string; pauseAfter?: number }): Promise<{ status: number; body: string; sentBeforeAnswer: number }> {
  const url = new URL(`${baseURL()}/rounds/2021/upload`);
  const boundary = 'x-scorecard-test';
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answeredAt = -1;
    const req = http.request({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      headers: {
        cookie: opts.cookie,
        origin: baseURL(),
        'content-type': `multipart/form-data; boundary=${boundary}`,
        ...(opts.contentLength !== undefined ? { 'content-length': String(opts.contentLength) } : { 'transfer-encoding': 'chunked' }),
      },
    });
    req.on('response', (res) => {
      answeredAt = sent;
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body, sentBeforeAnswer: answeredAt });
        req.destroy();
      });
    });
    // The server may close the connection on a refused body: that is not a failure of the test.
    req.on('error', (e) => (answeredAt >= 0 ? undefined : reject(e)));
    const chunk = Buffer.alloc(1024 * 1024, 0x41);
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n`);
    let paused = false;
    const pump = () => {
      while (sent < total && answeredAt < 0) {
        if (opts.pauseAfter !== undefined && sent >= opts.pauseAfter && !paused) {
          paused = true;
          return void setTimeout(pump, 10_000);
        }
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (answeredAt < 0) req.end(`\r\n--${boundary}--\r\n`);
    };
    pump();
  });
}

describe('uploads that used to take the server down (finding 3)', () => {
  const stillUp = async () => {
    expect((await request('/login')).status).toBe(200);
    const ok = new FormData();
    ok.set('file', new Blob(['not,a,template\n'], { type: 'text/csv' }), 'bad.csv');
    expect((await request('/rounds/2021/upload', { method: 'POST', cookie: admin, body: ok })).status).toBe(422);
  };

  it('the 16 MB CSV of 100,000 bad rows: 413 from its size, with a message', async () => {
    const f = new FormData();
    f.set('file', new Blob([badRowsCsv(100_000, keys)], { type: 'text/csv' }), 'huge.csv');
    const r = await request('/rounds/2021/upload', { method: 'POST', cookie: admin, body: f });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).problems[0].message).toMatch(/^文件过大（1\d\.\d MB）：上传文件最大 10 MB/);
    await stillUp();
  });

  it('an oversized body that declares its size is refused before it is read', async () => {
    const r = await streamUpload(300 * 1024 * 1024, { contentLength: 300 * 1024 * 1024, cookie: admin, pauseAfter: 1024 * 1024 });
    expect(r.status).toBe(413);
    expect(r.sentBeforeAnswer).toBeLessThan(50 * 1024 * 1024);
    await stillUp();
  });

  it('an oversized body that hides its size (chunked) is cut off while it streams', async () => {
    const r = await streamUpload(300 * 1024 * 1024, { cookie: admin });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).problems[0].message).toMatch(/^文件过大/);
    expect(r.sentBeforeAnswer).toBeLessThan(100 * 1024 * 1024);
    await stillUp();
  });

  it('an xlsx whose directory lies about its size (a zip bomb): 422 at the real limit', async () => {
    const f = new FormData();
    f.set('file', new Blob([new Uint8Array(await lyingZip(800 * 1024 * 1024))]), 'bomb.xlsx');
    const r = await request('/rounds/2021/upload', { method: 'POST', cookie: admin, body: f });
    expect(r.status).toBe(422);
    expect(JSON.parse(r.body).problems[0].message).toContain('解压后过大');
    await stillUp();
  });

  it('5,001 rows: refused with one message; a file of bad rows: 200 problems listed and the rest counted', async () => {
    const many = new FormData();
    many.set('file', new Blob([badRowsCsv(5001, keys)], { type: 'text/csv' }), 'many.csv');
    const r1 = await request('/rounds/2021/upload', { method: 'POST', cookie: admin, body: many });
    expect(r1.status).toBe(422);
    expect(JSON.parse(r1.body)).toEqual({ ok: false, problems: [{ message: '文件中有 5,001 个单位的数据，一次最多导入 5,000 个；请分批导入' }] });
    const bad = new FormData();
    bad.set('file', new Blob([badRowsCsv(1000, keys)], { type: 'text/csv' }), 'bad.csv');
    const r2 = await request('/rounds/2021/upload', { method: 'POST', cookie: admin, body: bad });
    expect(r2.status).toBe(422);
    const body = JSON.parse(r2.body) as { problems: unknown[]; more: number };
    expect(body.problems).toHaveLength(200);
    expect(body.more).toBeGreaterThan(1000 * 10);
    await stillUp();
  });
});
