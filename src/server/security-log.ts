import { tryGetContext } from 'hono/context-storage';
import type { Logger } from 'pino';
import type { SecurityEvents } from '../auth/deps.ts';
import type { Env } from '../edge/env.ts';

/**
 * Security events as JSON log lines, on the request's own logger when there
 * is one (so each line has its request id), else on the server's: login
 * failures and successes, locks, account changes, staff actions. The fields
 * are ids, kinds and counts; never an address, password, code or token.
 */
export function createSecurityEvents(log: Logger): SecurityEvents {
  return {
    emit(event, fields) {
      const requestLog = tryGetContext<Env>()?.var.log;
      (requestLog ?? log).info({ securityEvent: event, ...fields }, `security: ${event}`);
    },
  };
}
