/**
 * `npm start`: serves the built app as `next start` does, and tells it the address of each
 * request's TCP peer. Next gives route handlers and server actions no access to the socket, and
 * the X-Forwarded-For that `next start` passes on is whatever the client wrote, so login
 * throttling and the audit log could not tell clients apart. Each request is stamped with
 * `x-scorecard-peer: <token> <peer address>`, overwriting anything the client sent; the token is
 * random, made here at start and handed to the app through its environment (same process), so
 * the app trusts only stamps of this server (lib/auth/request.ts, clientAddress).
 *
 * Plain JavaScript, run by node: it must work where only the production dependencies are installed.
 *   node scripts/serve.mjs [-p <port>] [-H <host>]     (defaults: $PORT or 3000, $HOSTNAME or 0.0.0.0)
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

// Must match PEER_HEADER and PEER_TOKEN_ENV in lib/auth/request.ts, and the key in lib/auth/slots.ts.
const PEER_HEADER = 'x-scorecard-peer';
const PEER_TOKEN_ENV = 'SCORECARD_PEER_TOKEN';
const PASSWORD_SLOTS = Symbol.for('dept-scorecard.password-slots');

/**
 * A login while the password-check queue is full is refused here, before Next spends a few
 * milliseconds of CPU on it: a thousand of them at once otherwise delay every other page by
 * seconds. (proxy.ts refuses the same way under a bare `next start`.)
 */
function loginFlood(req) {
  if (req.method !== 'POST' || !req.headers['next-action']) return false;
  if (req.url !== '/login' && !req.url.startsWith('/login?')) return false;
  return globalThis[PASSWORD_SLOTS]?.full === true;
}

const { values } = parseArgs({
  options: { port: { type: 'string', short: 'p' }, hostname: { type: 'string', short: 'H' } },
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname ?? process.env.HOSTNAME ?? '0.0.0.0';
const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const token = randomBytes(24).toString('base64url');
process.env[PEER_TOKEN_ENV] = token;
process.env.NODE_ENV ??= 'production';

const next = createRequire(import.meta.url)('next');
const app = next({ dev: false, dir, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  if (loginFlood(req)) {
    res.writeHead(429, {
      'content-type': 'text/plain; charset=utf-8',
      'retry-after': '1',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      connection: 'close',
    });
    res.end('登录请求过多，服务器正忙，请稍后再试');
    return;
  }
  req.headers[PEER_HEADER] = `${token} ${req.socket.remoteAddress ?? 'unknown'}`;
  void handle(req, res);
});
server.listen(port, hostname, () => {
  console.log(`dept-scorecard listening on http://${hostname}:${port}`);
});

const stop = () => {
  server.close(() => process.exit(0));
  // Keep-alive connections would hold close() open; give them a moment.
  setTimeout(() => process.exit(0), 5000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
