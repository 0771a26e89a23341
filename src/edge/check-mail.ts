import type { Context } from 'hono';
import type { EdgeContext, Env } from './env.ts';
import { apiError } from './errors.ts';

/** "Check your mailbox", and whether the mail may be late because the mail server is not taking it right now. */
export function checkMail(ctx: EdgeContext, c: Context<Env>) {
  return c.json({ status: 'checkMail' as const, ...(ctx.mailDelayed?.() ? { mailDelayed: true } : {}) }, 202);
}

/** Too many mails this hour: said as it is, never "check your mailbox" for a mail that was not sent. */
export function mailHeld(c: Context<Env>) {
  return apiError(c, 429, 'mailHeld', { headers: { 'Retry-After': '3600' } });
}
