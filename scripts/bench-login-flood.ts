/**
 * `npm run bench:flood`: what a flood of failed logins does to everyone else (issue 8, finding 7).
 * Starts the built app with the demo data, signs in as the leader, then sends 1,000 failed logins
 * at once — each for another username and from its own client address (a loopback address of its own, and its own
 * X-Forwarded-For for builds that trusted that header) — while reading the leader's rankings page
 * again and again. Prints the page's latency before and during the flood, how the logins were
 * answered, and the server's peak memory.
 *
 *   npm run bench:flood [-- --root <checkout with a build>] [--logins 1000]
 *
 * `--root` measures another checkout's build (e.g. the code before the fix), started the way that
 * checkout starts (scripts/serve.mjs if it has one, else `next start`). Run it alone on the machine:
 * under the heavy-work lock, since the figures are latencies.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { root: { type: 'string' }, logins: { type: 'string' } } });
const ROOT = path.resolve(values.root ?? path.join(__dirname, '..'));
const LOGINS = Number(values.logins ?? 1000);
const LEADER = { username: 'leader', password: 'demo-lingdao-2021' };
const PAGE = '/rounds/2021';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function send(port: number, pathname: string, opts: { method?: string; headers?: Record<string, string>; body?: Buffer; from?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: pathname, method: opts.method ?? 'GET', headers: opts.headers, localAddress: opts.from ?? '127.0.0.1', agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

async function loginBody(username: string, password: string): Promise<{ body: Buffer; type: string }> {
  const form = new FormData();
  form.set('_1_username', username);
  form.set('_1_password', password);
  form.set('_1_next', '/');
  form.set('0', JSON.stringify([null, '$K1']));
  const r = new Request('http://x/', { method: 'POST', body: form });
  return { body: Buffer.from(await r.arrayBuffer()), type: r.headers.get('content-type')! };
}

function loginActionId(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, '.next/server/server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  const hit = Object.entries(manifest.node).find(([, a]) => a.filename === 'app/login/actions.ts' && a.exportedName === 'loginAction');
  if (!hit) throw new Error(`no loginAction in ${ROOT}/.next: build that checkout first`);
  return hit[0];
}

/** Resident memory of the server's process group (`next start` may run the app in a child). */
function rssMb(group: number): number {
  let kb = 0;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) !== group) continue;
      kb += Number(fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
    } catch {
      // gone meanwhile
    }
  }
  return kb / 1024;
}

/**
 * The leader, in a process of its own: reads the page again and again and prints each latency, so
 * the figures are the server's and not this process's, which is busy sending the flood.
 */
const SAMPLER = `
const http = require('node:http');
const [port, path, cookie] = process.argv.slice(1);
let stop = false;
process.stdin.on('data', () => (stop = true)).resume();
(async () => {
  while (!stop) {
    const at = Date.now();
    const t = performance.now();
    const status = await new Promise((resolve, reject) => {
      http.get({ host: '127.0.0.1', port, path, headers: { cookie }, agent: false }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); }).on('error', reject);
    });
    if (status !== 200) throw new Error(path + ' answered ' + status);
    console.log(at + ' ' + (performance.now() - t));
  }
  process.exit(0);
})();
`;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const stats = (xs: number[]) => `median ${pct(xs, 50).toFixed(0)} ms, p95 ${pct(xs, 95).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms (${xs.length} requests)`;

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-flood-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, SCORECARD_DEMO: '1', DATA_DIR: path.join(tmp, 'pglite'), NEXT_TELEMETRY_DISABLED: '1', PORT: String(port) };
  delete env.DATABASE_URL;
  const serve = path.join(ROOT, 'scripts', 'serve.mjs');
  const args = fs.existsSync(serve) ? [serve, '-p', String(port), '-H', '127.0.0.1'] : [path.join(ROOT, 'node_modules', '.bin', 'next'), 'start', '-p', String(port), '-H', '127.0.0.1'];
  const server = spawn(process.execPath, args, { cwd: ROOT, env, detached: true, stdio: 'ignore' });
  const stop = () => {
    if (server.pid && server.exitCode === null) process.kill(-server.pid, 'SIGKILL');
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await send(port, '/login')).status === 200) break;
      } catch {
        if (i > 200) throw new Error('server did not come up');
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    const action = loginActionId();
    const actionHeaders = (type: string) => ({ 'next-action': action, accept: 'text/x-component', origin: `http://127.0.0.1:${port}`, 'content-type': type });
    const good = await loginBody(LEADER.username, LEADER.password);
    const signed = await send(port, '/login', { method: 'POST', body: good.body, headers: actionHeaders(good.type) });
    const cookie = String(signed.headers['set-cookie']?.[0] ?? '').split(';')[0];
    if (!cookie) throw new Error(`leader login failed: ${signed.status} ${signed.body.slice(0, 200)}`);
    const page = async () => {
      const t = performance.now();
      const r = await send(port, PAGE, { headers: { cookie } });
      if (r.status !== 200) throw new Error(`${PAGE} answered ${r.status}`);
      return performance.now() - t;
    };

    for (let i = 0; i < 5; i++) await page();
    const before: number[] = [];
    for (let i = 0; i < 20; i++) before.push(await page());

    // Each guess names another account, so no per-account limit makes the flood cheap by itself.
    const sampler = spawn(process.execPath, ['-e', SAMPLER, String(port), PAGE, cookie], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    sampler.stdout!.on('data', (b) => (out += b));
    while (!out.includes('\n')) await new Promise((r) => setTimeout(r, 20));
    const bad = await Promise.all(Array.from({ length: LOGINS }, (_, i) => loginBody(`flood-${i}`, 'not-the-password')));
    const rss0 = rssMb(server.pid!);
    let peak = rss0;
    const memory = setInterval(() => (peak = Math.max(peak, rssMb(server.pid!))), 100);
    const started = performance.now();
    const startedAt = Date.now();
    const flood = Promise.all(
      Array.from({ length: LOGINS }, (_, i) =>
        send(port, '/login', {
          method: 'POST',
          body: bad[i]!.body,
          headers: { ...actionHeaders(bad[i]!.type), 'x-forwarded-for': `198.51.${Math.floor(i / 250)}.${i % 250}` },
          from: `127.200.${Math.floor(i / 250)}.${(i % 250) + 1}`,
        }).then(
          (r) => ({ status: r.status, busy: r.body.includes('服务器正忙'), throttled: !r.body.includes('服务器正忙') && r.body.includes('后再试') }),
          () => ({ status: 0, busy: false, throttled: false }),
        ),
      ),
    );
    const answers = await flood;
    const endedAt = Date.now();
    sampler.stdin!.write('stop\n');
    await new Promise((r) => sampler.once('exit', r));
    // Every read that was under way at any moment of the flood.
    const during = out
      .trim()
      .split('\n')
      .map((l) => l.split(' ').map(Number) as [number, number])
      .filter(([at, ms]) => at + ms >= startedAt && at <= endedAt)
      .map(([, ms]) => ms);
    const floodMs = performance.now() - started;
    clearInterval(memory);
    const after: number[] = [];
    for (let i = 0; i < 10; i++) after.push(await page());

    const byStatus = new Map<number, number>();
    for (const a of answers) byStatus.set(a.status, (byStatus.get(a.status) ?? 0) + 1);
    console.log(`\n== ${LOGINS.toLocaleString('en')} concurrent failed logins against ${ROOT} (${path.basename(args[0]!) === 'serve.mjs' ? 'npm start' : 'next start'}, PGlite)`);
    console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    console.log(`leader's ${PAGE} before the flood: ${stats(before)}`);
    console.log(`leader's ${PAGE} during the flood: ${stats(during)}`);
    console.log(`leader's ${PAGE} after the flood:  ${stats(after)}`);
    console.log(`flood answered in ${(floodMs / 1000).toFixed(1)} s: ${[...byStatus].map(([s, n]) => `${n} × ${s || 'connection error'}`).join(', ')}; ` +
      `${answers.filter((a) => a.busy).length} “busy”, ${answers.filter((a) => a.throttled).length} “wait and retry”`);
    console.log(`server memory (RSS): ${rss0.toFixed(0)} MB before, ${peak.toFixed(0)} MB peak`);
  } finally {
    stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
