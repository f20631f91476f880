import { z } from 'zod';
import { AUDIT_ACTIONS, type AuditFilter } from '@/app/lib/services/audit';

/** A calendar day that exists (2024-02-30 and 9999-99-99 do not), as the date input sends it. */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => {
    const t = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d && d >= '1970-01-01';
  })
  .optional()
  .catch(undefined);

const Query = z.object({
  actor: z.string().max(64).optional().catch(undefined),
  action: z.enum(AUDIT_ACTIONS).optional().catch(undefined),
  round: z.string().max(64).optional().catch(undefined),
  department: z.string().max(100).optional().catch(undefined),
  from: day,
  to: day,
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

export type AuditQuery = z.infer<typeof Query>;

/**
 * The audit page's filter from its URL, so a filtered view can be shared. A malformed value is
 * dropped rather than refused; dates are whole days in China time, `to` inclusive.
 */
export function parseAuditQuery(params: Record<string, string | string[] | undefined>): { query: AuditQuery; filter: AuditFilter } {
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v || undefined]));
  const query = Query.parse(flat);
  const at = (d: string, plusDays = 0) => new Date(new Date(`${d}T00:00:00+08:00`).getTime() + plusDays * 86_400_000);
  return {
    query,
    filter: {
      ...(query.actor ? { actor: query.actor } : {}),
      ...(query.action ? { action: query.action } : {}),
      ...(query.round ? { round: query.round } : {}),
      ...(query.department ? { department: query.department } : {}),
      ...(query.from ? { from: at(query.from) } : {}),
      ...(query.to ? { to: at(query.to, 1) } : {}),
      page: query.page ?? 1,
    },
  };
}

export function auditHref(query: AuditQuery, page?: number): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...query, page })) if (v !== undefined && v !== '' && !(k === 'page' && v === 1)) p.set(k, String(v));
  const s = p.toString();
  return `/admin/audit${s ? `?${s}` : ''}`;
}
