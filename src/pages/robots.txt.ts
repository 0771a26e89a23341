import type { APIRoute } from 'astro';
import { brand } from '../config/brand.ts';

export const GET: APIRoute = () =>
  new Response(`User-agent: *\nDisallow: /api/\nDisallow: /agent/\nSitemap: ${brand.publicOrigin}/sitemap-index.xml\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
