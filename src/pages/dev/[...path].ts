import type { APIRoute } from 'astro';
import { sharedApps } from '../../server/edge.ts';

// Development tools (the mail outbox); answers 404 in production mode.
export const prerender = false;

export const ALL: APIRoute = async ({ request }) => (await sharedApps()).dev.fetch(request);
