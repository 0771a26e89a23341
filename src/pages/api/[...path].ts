import type { APIRoute } from 'astro';
import { createApp } from '../../edge/app.ts';

// The one on-demand route: every /api/* request goes to the Hono app.
export const prerender = false;

const app = createApp();
export const ALL: APIRoute = ({ request }) => app.fetch(request);
