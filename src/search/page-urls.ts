import { gunzipSync } from 'node:zlib';

/** Pagefind's result id (its fragment's name) → the page's address, per language. */
export type PageUrls = Record<string, string>;

const SIGNATURE = 'pagefind_dcd';

/**
 * Reads the addresses out of Pagefind's fragments at build time, so that the
 * search page ranks results without loading a fragment for each one (a query
 * searches each word apart: up to 66 fragment requests and their decompression).
 * A fragment file holds one page, or a group of pages by id.
 */
export function pageUrlsFrom(files: Array<{ name: string; bytes: Uint8Array }>): Map<string, PageUrls> {
  const byLang = new Map<string, PageUrls>();
  for (const { name, bytes } of files) {
    const id = name.replace(/\.pf_fragment$/, '');
    const lang = id.split('_')[0]!;
    const text = Buffer.from(gunzipSync(bytes)).toString('utf8');
    if (!text.startsWith(SIGNATURE)) throw new Error(`Pagefind fragment ${name} has no signature`);
    const parsed = JSON.parse(text.slice(SIGNATURE.length)) as { url?: string } | Record<string, { url: string }>;
    const urls = byLang.get(lang) ?? {};
    if (typeof parsed.url === 'string') urls[id] = parsed.url;
    else for (const [member, fragment] of Object.entries(parsed as Record<string, { url: string }>)) urls[member] = fragment.url;
    byLang.set(lang, urls);
  }
  return byLang;
}
