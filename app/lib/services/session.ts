import { login, type LoginRefusal, type LoginRequest, type LoginResult } from '@/db/login';
import { endSession } from '@/db/sessions';
import { countUsers } from '@/db/users';

/**
 * The way in and out: the only operations without a viewer, because they make or end one. Sign-in
 * is throttled and recorded by db/login; the session itself is the database's.
 */

export type { LoginRefusal, LoginRequest, LoginResult };

/** Checks a username and password and, on success, starts a fresh session. */
export function signIn(req: LoginRequest): Promise<LoginResult> {
  return login(req);
}

/** Ends the session with this token hash on the server. */
export function signOut(tokenHash: string): Promise<void> {
  return endSession(tokenHash);
}

/** Whether any account exists yet (the login page then says how to add the first admin). */
export async function anyAccount(): Promise<boolean> {
  return (await countUsers()) > 0;
}
