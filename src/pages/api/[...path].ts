import type { APIRoute } from 'astro';
import { sharedApps } from '../../server/edge.ts';

// The one on-demand route: every /api/* request goes to the Hono app.
export const prerender = false;

export const ALL: APIRoute = async ({ request, clientAddress }) => (await sharedApps()).api.fetch(request, { clientAddress });
