import type { RequestIdVariables } from 'hono/request-id';
import type { LanguageVariables } from 'hono/language';

/** What the middleware puts on each request's context. */
export type Env = { Variables: RequestIdVariables & LanguageVariables };
