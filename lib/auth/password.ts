import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with the OWASP minimum (19 MiB, 2 passes, 1 lane): about 30 ms on this machine, slow
 * enough for guessing and quick enough that a login never feels it. The parameters live in each
 * hash, so raising them later keeps old hashes verifiable.
 */
const OPTIONS = {
  // `Algorithm.Argon2id` is a const enum, which isolatedModules cannot inline.
  algorithm: 2 as const,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** A malformed stored hash counts as a wrong password, never as an error page. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// Unknown usernames are checked against this, so a login takes as long whether the account exists or not.
let dummy: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword('no-such-user-password');
  await verifyPassword(await dummy, password);
}
