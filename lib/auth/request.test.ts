import { describe, expect, it } from 'vitest';
import { checkSameOrigin, clientAddress, isSecureRequest } from './request';

const headers = (h: Record<string, string>) => (name: string) => h[name.toLowerCase()] ?? null;

describe('secure cookies', () => {
  it('marks the cookie Secure behind an https proxy', () => {
    expect(isSecureRequest(headers({ 'x-forwarded-proto': 'https' }), {})).toBe(true);
    expect(isSecureRequest(headers({ 'x-forwarded-proto': 'http' }), {})).toBe(false);
  });

  it('follows COOKIE_SECURE when it is set', () => {
    expect(isSecureRequest(headers({}), { COOKIE_SECURE: '1' })).toBe(true);
    expect(isSecureRequest(headers({ 'x-forwarded-proto': 'https' }), { COOKIE_SECURE: '0' })).toBe(false);
  });
});

describe('client address', () => {
  const TOKEN = { SCORECARD_PEER_TOKEN: 'process-token' };
  const peer = (address: string) => ({ 'x-scorecard-peer': `process-token ${address}` });

  it('is the TCP peer our server stamped, whatever X-Forwarded-For the client wrote', () => {
    expect(clientAddress(headers({ ...peer('10.0.0.7'), 'x-forwarded-for': '6.6.6.6' }), TOKEN)).toBe('10.0.0.7');
    expect(clientAddress(headers({ ...peer('::ffff:10.0.0.7') }), TOKEN)).toBe('10.0.0.7');
  });

  it('ignores X-Forwarded-For entirely unless TRUSTED_PROXY_HOPS is set', () => {
    // Today's main took the right-most entry: a client rotating it got a fresh address each time.
    for (let i = 0; i < 5; i++) expect(clientAddress(headers({ ...peer('10.0.0.7'), 'x-forwarded-for': `6.6.6.${i}` }), TOKEN)).toBe('10.0.0.7');
    expect(clientAddress(headers({ 'x-forwarded-for': '6.6.6.6, 10.0.0.7' }), {})).toBe('unknown');
  });

  it('refuses a peer stamp the client forged (wrong or no token)', () => {
    expect(clientAddress(headers({ 'x-scorecard-peer': 'guess 6.6.6.6' }), TOKEN)).toBe('unknown');
    expect(clientAddress(headers({ 'x-scorecard-peer': 'process-token 6.6.6.6' }), {})).toBe('unknown');
  });

  it('behind n trusted proxies, takes the address the n-th proxy appended', () => {
    // client → proxy A (appends client) → proxy B (appends A) → app (peer B)
    const h = headers({ ...peer('10.0.0.2'), 'x-forwarded-for': '6.6.6.6, 203.0.113.9, 10.0.0.1' });
    expect(clientAddress(h, { ...TOKEN, TRUSTED_PROXY_HOPS: '2' })).toBe('203.0.113.9');
    expect(clientAddress(h, { ...TOKEN, TRUSTED_PROXY_HOPS: '1' })).toBe('10.0.0.1');
    // Without our server's stamp (a bare `next start` behind the proxies) the chain lacks the last proxy.
    expect(clientAddress(headers({ 'x-forwarded-for': '6.6.6.6, 203.0.113.9, 10.0.0.1' }), { TRUSTED_PROXY_HOPS: '2' })).toBe('203.0.113.9');
  });

  it('still gives one key when no address is known', () => {
    expect(clientAddress(headers({}), {})).toBe('unknown');
  });
});

describe('same-origin check for state-changing routes', () => {
  it('accepts a POST from our own page', () => {
    expect(checkSameOrigin(headers({ host: 'kb.example.cn', origin: 'https://kb.example.cn' }))).toEqual({ ok: true });
  });

  it('accepts the host a reverse proxy forwarded', () => {
    expect(checkSameOrigin(headers({ host: '127.0.0.1:3000', 'x-forwarded-host': 'kb.example.cn', origin: 'https://kb.example.cn' })).ok).toBe(true);
  });

  it('refuses a POST from another site and names it', () => {
    const r = checkSameOrigin(headers({ host: 'kb.example.cn', origin: 'https://evil.example' }));
    expect(r).toEqual({ ok: false, message: '请求来自其他网站（evil.example），为防跨站请求伪造已拒绝' });
  });

  it('refuses a request that names no origin at all', () => {
    expect(checkSameOrigin(headers({ host: 'kb.example.cn' })).ok).toBe(false);
  });

  it('falls back to the Referer when a browser leaves Origin out', () => {
    expect(checkSameOrigin(headers({ host: 'kb.example.cn', referer: 'https://kb.example.cn/rounds/2021' })).ok).toBe(true);
    expect(checkSameOrigin(headers({ host: 'kb.example.cn', referer: 'https://evil.example/x' })).ok).toBe(false);
  });

  it('accepts a host listed in ALLOWED_ORIGINS', () => {
    expect(checkSameOrigin(headers({ host: 'internal:3000', origin: 'https://kb.example.cn' }), ['kb.example.cn']).ok).toBe(true);
  });

  it('refuses an opaque "null" origin from a sandboxed frame', () => {
    expect(checkSameOrigin(headers({ host: 'kb.example.cn', origin: 'null' })).ok).toBe(false);
  });
});
