import type { Actor } from '@/db/audit';
import type { ActionContext } from './guard';

/** The audit log's "who" for a change made through the web. */
export function actorOfCtx(ctx: Pick<ActionContext, 'viewer' | 'address'>): Actor {
  return { id: ctx.viewer.id, name: ctx.viewer.username, address: ctx.address };
}
