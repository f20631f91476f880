import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { NextResponse } from 'next/server';
import type { z } from 'zod';
import { allowedOriginHosts, checkSameOrigin } from '@/lib/auth/request';
import { can, rolesWith, type Permission, type Target, type Viewer } from '@/lib/auth/roles';
import type { MessageKey } from '@/app/i18n';
import { getTranslator } from '@/app/i18n/server';
import { safeNext } from './redirect';
import { getViewer, presentedSessionHash, requestAddress } from './viewer';

/**
 * The one gate every page, server action and route handler goes through. Each denies by default:
 * no session means the login page (pages) or 401 (routes); a session without the permission means
 * 404 (pages: nothing hints that the thing exists) or 403 (actions and routes).
 */

/** A rule: one permission (with its target), or a check of its own for rules that need data. */
export type Rule = Permission | ((viewer: Viewer) => boolean | Promise<boolean>);

async function allows(viewer: Viewer, rule: Rule | undefined, target?: Target): Promise<boolean> {
  if (rule === undefined) return true;
  return typeof rule === 'function' ? rule(viewer) : can(viewer, rule, target);
}

export function loginHref(returnTo?: string): string {
  return returnTo ? `/login?next=${encodeURIComponent(safeNext(returnTo))}` : '/login';
}

/**
 * For pages: the signed-in user, who must hold `rule` (on `target`). Anonymous visitors go to the
 * login page and come back to `returnTo`; anyone else without the permission gets a 404.
 */
export async function requireUser(rule?: Rule, opts: { target?: Target; returnTo?: string } = {}): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(loginHref(opts.returnTo));
  if (!(await allows(viewer, rule, opts.target))) notFound();
  return viewer;
}

/** What every guarded action answers; `denied` marks a refusal by the gate itself. */
export interface ActionState {
  ok: boolean;
  message?: string;
  denied?: boolean;
  /** zod's messages per form field. */
  fieldErrors?: Record<string, string[]>;
  /** Anything else the action wants to hand back to its form. */
  data?: Record<string, unknown>;
}

export const DENIED_LOGIN: ActionState = { ok: false, denied: true, message: '登录已失效，请重新登录后再试' };
export const DENIED_ROLE: ActionState = { ok: false, denied: true, message: '您的账号无权进行此操作' };

export interface ActionContext {
  viewer: Viewer;
  address: string;
  /** Hash of the session making the request (e.g. to keep it when the password changes). */
  session: string | null;
}

/**
 * A form's fields, or null when one of them holds a NUL: PostgreSQL text cannot store or compare it,
 * so such a value could only ever end in a database error.
 */
export function formFields(formData: unknown): Record<string, FormDataEntryValue> | null {
  // An action's arguments come from the client: one called by hand may get anything but a form.
  if (!(formData instanceof FormData)) return null;
  const fields = Object.fromEntries(formData);
  for (const [k, v] of Object.entries(fields)) if (k.includes('\0') || (typeof v === 'string' && v.includes('\0'))) return null;
  return fields;
}

export const BAD_INPUT: ActionState = { ok: false, message: '提交的内容不是有效的表单，或含有无效字符（NUL），未处理' };

/** A refusal in the viewer's language (the constants above keep the Chinese wording). */
async function said(state: ActionState, key: MessageKey): Promise<ActionState> {
  return { ...state, message: (await getTranslator()).t(key) };
}

async function originRefusal(): Promise<ActionState | null> {
  const h = await headers();
  const origin = checkSameOrigin((n) => h.get(n), allowedOriginHosts());
  return origin.ok ? null : { ok: false, denied: true, message: origin.message };
}

/**
 * Wraps a server action (in the style of saas-starter's validatedActionWithUser): the request must
 * come from our own pages, the user must be signed in and hold a role granted `permission`, the
 * FormData must pass `schema`, and the permission must hold for the target the input names (e.g.
 * the department code of a form, or whether a reviewer is assigned to it, which may need a read) —
 * only then does `fn` run. 'signed-in' lets any account through.
 */
export function guardedAction<S extends z.ZodType>(
  schema: S,
  permission: Permission | 'signed-in',
  fn: (input: z.infer<S>, ctx: ActionContext) => Promise<ActionState>,
  opts: { target?: (input: z.infer<S>, viewer: Viewer) => Target | Promise<Target> } = {},
): (prev: ActionState | null, formData: FormData) => Promise<ActionState> {
  return async (_prev, formData) => {
    const refused = await originRefusal();
    if (refused) return refused;
    const viewer = await getViewer();
    if (!viewer) return said(DENIED_LOGIN, 'deniedLogin');
    // The role is checked before the input is even read, so a refused user learns nothing of the form.
    if (permission !== 'signed-in' && !rolesWith(permission).includes(viewer.role)) return said(DENIED_ROLE, 'deniedRole');
    const fields = formFields(formData);
    if (!fields) return said(BAD_INPUT, 'badForm');
    const parsed = schema.safeParse(fields);
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? '')] ??= []).push(issue.message);
      return said({ ok: false, fieldErrors }, 'formIncomplete');
    }
    if (permission !== 'signed-in' && !can(viewer, permission, await opts.target?.(parsed.data, viewer))) return said(DENIED_ROLE, 'deniedRole');
    return fn(parsed.data, { viewer, address: await requestAddress(), session: await presentedSessionHash() });
  };
}

type RouteContext<P> = { params: Promise<P> };

/** Both shapes the app's routes answer errors in: the upload form reads `problems`, the others `error`. */
function refusal(message: string, status: number): Response {
  return NextResponse.json({ ok: false, error: message, problems: [{ message }] }, { status, headers: { 'cache-control': 'no-store' } });
}

/**
 * Wraps a route handler. State-changing methods must come from our own pages (Origin/Referer
 * against Host: CSRF). Then: no session → 401, `allow` refuses → 403, else the handler runs.
 */
export function guardRoute<P, R extends Request = Request>(
  allow: (viewer: Viewer, req: R, params: P) => boolean | Promise<boolean>,
  handler: (req: R, ctx: { viewer: Viewer; params: P; address: string }) => Promise<Response>,
): (req: R, ctx: RouteContext<P>) => Promise<Response> {
  return async (req, ctx) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const origin = checkSameOrigin((n) => req.headers.get(n), allowedOriginHosts());
      if (!origin.ok) return refusal(origin.message, 403);
    }
    const viewer = await getViewer();
    if (!viewer) return refusal((await getTranslator()).t('deniedLogin'), 401);
    const params = await ctx.params;
    if (!(await allow(viewer, req, params))) return refusal((await getTranslator()).t('deniedRole'), 403);
    return handler(req, { viewer, params, address: await requestAddress() });
  };
}
