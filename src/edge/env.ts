import type { RequestIdVariables } from 'hono/request-id';
import type { LanguageVariables } from 'hono/language';
import type { Logger } from 'pino';
import type { AuthDeps } from '../auth/deps.ts';
import type { EherkenningClient } from '../auth/eherkenning/client.ts';
import type { Level } from '../auth/eherkenning/levels.ts';

/** What the edge needs from the running server. */
export interface EdgeContext {
  deps: AuthDeps;
  mode: 'development' | 'production';
  publicOrigin: string;
  trustProxy: boolean;
  log: Logger;
  eherkenning: { client: EherkenningClient; minimumLevel: Level } | null;
  /** Readiness: resolves when the store answers; used by /api/ready. */
  ready?: () => Promise<{ ok: boolean; reasons: string[] }>;
}

/** What the middleware puts on each request's context. */
export type Env = {
  /** From the Astro route: the socket's address. */
  Bindings: { clientAddress?: string | undefined };
  Variables: RequestIdVariables &
    LanguageVariables & {
      log: Logger;
      /** The client's address, for rate limits; from the socket or, behind a trusted proxy, X-Forwarded-For. */
      clientIp: string;
    };
};
