import { createHash, randomBytes } from 'node:crypto';

/**
 * A session token is 32 random bytes; the browser holds it and the database only its SHA-256, so a
 * leaked database dump (or backup) cannot be replayed as a login. A plain hash is enough here:
 * unlike a password the token has 256 bits of entropy.
 */
export function newSessionToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashSessionToken(token) };
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A cookie value that cannot be one of our tokens is not worth a database lookup. */
export function looksLikeToken(value: string | undefined): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}

/** A readable one-time password for `npm run user -- add` without --password: 4 groups of 4, no look-alike characters. */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY3479';
  const bytes = randomBytes(16);
  let out = '';
  for (let i = 0; i < 16; i++) {
    if (i > 0 && i % 4 === 0) out += '-';
    // 256 is not a multiple of the alphabet length; the bias (under 1%) does not matter at 90 bits.
    out += alphabet[bytes[i]! % alphabet.length];
  }
  return out;
}
