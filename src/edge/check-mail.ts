import type { Context } from 'hono';
import type { EdgeContext, Env } from './env.ts';

/** "Check your mailbox", and whether the mail may be late because the mail server is not taking it right now. */
export function checkMail(ctx: EdgeContext, c: Context<Env>) {
  return c.json({ status: 'checkMail' as const, ...(ctx.mailDelayed?.() ? { mailDelayed: true } : {}) }, 202);
}
