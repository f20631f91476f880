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
  it('takes the address the nearest proxy appended, not one the client wrote', () => {
    expect(clientAddress(headers({ 'x-forwarded-for': '6.6.6.6, 10.0.0.7' }), {})).toBe('10.0.0.7');
  });

  it('goes further left when told how many proxies are trusted', () => {
    expect(clientAddress(headers({ 'x-forwarded-for': '6.6.6.6, 10.0.0.7, 10.0.0.1' }), { TRUSTED_PROXY_HOPS: '2' })).toBe('10.0.0.7');
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
