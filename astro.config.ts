import { defineConfig } from 'astro/config';
import preact from '@astrojs/preact';
import node from '@astrojs/node';
import sitemap from '@astrojs/sitemap';
import { brand } from './src/config/brand.ts';
import { lazyAstroLoggerClock } from './src/integrations/astro-logger-clock.ts';
import { pagefind } from './src/integrations/pagefind.ts';
import { preactJsxWithOxc } from './src/integrations/preact-jsx.ts';
import { serverBundle } from './src/integrations/server-bundle.ts';
import { wizardUrl } from './src/site/wizards.ts';
import { wizardIds } from './src/wizards/ids.ts';
import { langs } from './src/i18n/lang.ts';

export default defineConfig({
  site: brand.publicOrigin,
  output: 'static',
  // BUILD_OUT_DIR lets the benchmark build elsewhere without touching dist/.
  outDir: process.env.BUILD_OUT_DIR ?? './dist',
  adapter: node({ mode: 'standalone' }),
  trailingSlash: 'ignore',
  build: { format: 'directory', inlineStylesheets: 'always' },
  i18n: {
    locales: ['nl', 'en'],
    defaultLocale: 'nl',
    routing: { prefixDefaultLocale: false },
  },
  integrations: [
    // Preact's Vite preset runs Babel on every module it matches, by default every .ts file too;
    // only the islands hold JSX (1,000-article build: 8.4-8.7 → 7.4-7.6 s, the same client code).
    preact({ include: ['**/*.tsx'] }),
    preactJsxWithOxc(),
    sitemap({
      i18n: { defaultLocale: 'nl', locales: { nl: 'nl-NL', en: 'en-GB' } },
      // The console is for staff and says noindex: it has no place in a sitemap either.
      filter: (page) => !page.includes('/api/') && !page.includes('/agent/'),
      // The wizards are rendered per request (their step is in the address), so they are listed here.
      customPages: wizardIds.flatMap((id) => langs.map((lang) => new URL(wizardUrl(id, lang), brand.publicOrigin).href)),
    }),
    pagefind(),
    lazyAstroLoggerClock(),
    serverBundle(),
  ],
  // Each page carries its CSP (with the hashes of its own scripts and styles) in a
  // meta tag; src/server/headers.ts adds what only a header can say (frame-ancestors).
  security: {
    // The API checks origins itself, so that a refusal is translated JSON like every other error.
    checkOrigin: false,
    csp: {
      algorithm: 'SHA-256',
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      // Pagefind's search runs as WebAssembly.
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
    },
  },
  // Articles hold no code; Shiki's highlighting would also need inline styles the CSP forbids.
  markdown: { syntaxHighlight: false },
  devToolbar: { enabled: false },
  server: { port: 4321, host: '127.0.0.1' },
});
