import { Hono } from 'hono';
import pkg from '../../../package.json' with { type: 'json' };
import type { Env } from '../env.ts';

export function healthRoutes() {
  return new Hono<Env>().get('/health', (c) => c.json({ status: 'ok', version: pkg.version }));
}
