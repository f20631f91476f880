import { describe, expect, it } from 'vitest';
import { generatePassword, hashSessionToken, looksLikeToken, newSessionToken } from './token';
import { passwordProblem } from './credentials';

describe('session tokens', () => {
  it('gives a fresh 32-byte token each time and keeps only its SHA-256', () => {
    const a = newSessionToken();
    const b = newSessionToken();
    expect(a.token).not.toBe(b.token);
    expect(Buffer.from(a.token, 'base64url')).toHaveLength(32);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash).toBe(hashSessionToken(a.token));
    expect(a.hash).not.toContain(a.token);
  });

  it('recognises its own tokens and nothing else as worth looking up', () => {
    expect(looksLikeToken(newSessionToken().token)).toBe(true);
    expect(looksLikeToken('abc')).toBe(false);
    expect(looksLikeToken(undefined)).toBe(false);
    expect(looksLikeToken(`${'a'.repeat(42)}=`)).toBe(false);
  });
});

describe('generated passwords', () => {
  it('are readable groups without look-alike characters and pass the password rule', () => {
    const p = generatePassword();
    expect(p).toMatch(/^[a-zA-Z0-9]{4}(-[a-zA-Z0-9]{4}){3}$/);
    expect(p).not.toMatch(/[il1oO0]/);
    expect(passwordProblem(p)).toBeNull();
  });

  it('differ each time', () => {
    expect(new Set(Array.from({ length: 50 }, generatePassword)).size).toBe(50);
  });
});
