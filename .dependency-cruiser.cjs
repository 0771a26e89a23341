/**
 * The layers of src/, checked by `npm run test:deps` (part of `npm test`). Arrows point down:
 *
 *   pages, views, layouts, components   (build time: Astro)
 *     -> site (what pages are made of)  -> islands (browser)  -> islands/api.ts
 *   server -> edge, oidc (HTTP)  -> auth, analytics, search, content (domain)  -> store, mail
 *   anyone may use config, i18n, wizards, shared and html.
 *
 * Type-only imports count: a type from a higher layer ties the layers just as much.
 * .astro files are not parsed (their imports are Astro's), so pages and views are free.
 */
const layer = (name, from, to, comment) => ({ name, severity: 'error', comment, from: { path: from }, to: { path: to } });

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles inside src/, type-only ones included.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    layer(
      'islands-talk-through-the-api',
      '^src/islands/',
      '^src/(store|auth|analytics|edge|server|oidc|mail|search/(?!query|rank|table))',
      'Islands run in the browser: they reach the server through src/islands/api.ts, and share its types through src/shared/api.',
    ),
    layer(
      'site-above-islands',
      '^src/site/',
      '^src/(islands|edge|server)/',
      'Build-time helpers give islands their props; they do not reach into them.',
    ),
    layer('edge-below-pages', '^src/(edge|oidc)/', '^src/(islands|pages|views|site)/', 'The HTTP layer knows nothing of pages.'),
    layer(
      'domain-below-edge',
      '^src/(auth|analytics|search|content)/',
      '^src/(edge|server|oidc|islands|pages|views|site)/',
      'Domain functions take their dependencies as arguments; the HTTP layer calls them, not the other way.',
    ),
    layer(
      'store-at-the-bottom',
      '^src/store/',
      '^src/(auth|analytics|edge|server|oidc|mail|islands|site|search)/',
      'The store maps rows; it knows no domain above it.',
    ),
    layer(
      'mail-below-domain',
      '^src/mail/',
      '^src/(auth|analytics|edge|server|oidc|islands|site)/',
      'Mail composes and sends what the domain queues.',
    ),
    layer(
      'shared-is-a-leaf',
      '^src/(config|i18n|wizards|shared|html)/',
      '^src/(auth|analytics|edge|server|oidc|store|mail|islands|site|search|content)/',
      'What everyone may use depends on none of them.',
    ),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|\\.astro)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    extraExtensionsToScan: ['.astro'],
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
