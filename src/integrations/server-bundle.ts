import type { AstroIntegration } from 'astro';
import { renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

// Packages that load a native addon for the machine they run on, found at run time. The PostgreSQL
// driver stays in node_modules too: src/store/postgres.ts requires it at run time, only when
// DATABASE_URL is set, which a bundler does not follow.
const NATIVE = ['@node-rs/argon2', 'sharp'];

/**
 * Bundles the whole server into `dist/server` as plain, minified JavaScript: our own
 * `src/server/main.ts` and Astro's `entry.mjs`, with the packages both import, one copy of
 * each. Under Node's type stripping the process also held the TypeScript stripper (17 MiB of
 * an idle server); with the packages loaded from node_modules as ~870 modules, an idle server
 * held their whole source text and a module record for each (12 MiB more, see the README).
 * Only packages with a native addon stay imports; what loads at first use (a dynamic import)
 * stays a chunk of its own, loaded at first use.
 */
export function serverBundle(): AstroIntegration {
  let serverDir: URL;
  return {
    name: 'helpcenter:server-bundle',
    hooks: {
      'astro:config:done': ({ config }) => {
        serverDir = config.build.server;
      },
      'astro:build:done': async ({ logger }) => {
        const dir = fileURLToPath(serverDir);
        const next = `${dir.replace(/\/$/, '')}.bundle`;
        rmSync(next, { recursive: true, force: true });
        const { output } = await build({
          input: { main: fileURLToPath(new URL('../server/main.ts', import.meta.url)), entry: `${dir}/entry.mjs` },
          platform: 'node',
          external: (id) => NATIVE.some((name) => id === name || id.startsWith(`${name}/`)),
          // depd, under koa, builds functions with eval: said once here rather than at every build.
          // Any other package's eval is still reported.
          onLog: (level, log, report) =>
            void ((log.code === 'EVAL' && /[\\/]depd[\\/]/.test(log.id ?? '')) || report(level, log)),
          output: {
            dir: next,
            format: 'esm',
            entryFileNames: '[name].mjs',
            chunkFileNames: '[name]-[hash].mjs',
            // Whitespace and local names only, which took an idle server from 117 to 106 MiB; function and
            // class names stay, for stack traces and code that reads them. Non-ASCII text is written as
            // escapes, so that V8 holds each chunk's source at one byte a character, not two (106 → 100
            // MiB). Oxc's compression as well gained 1 MiB more and broke oidc-provider's token endpoint.
            minify: { compress: false, mangle: { keepNames: true }, codegen: { asciiOnly: true } },
            // A map beside each chunk, for turning a logged stack (chunk:line:column) back into our
            // source and the packages'; not named in the chunks, so Node never loads them.
            sourcemap: 'hidden',
          },
        });
        // Tagged templates keep their text as written: one character past Latin-1 there doubles
        // the memory of that whole chunk's source. Such text belongs in an HTML entity or a string.
        for (const chunk of output)
          if (chunk.type === 'chunk' && /[^\u0000-\u00ff]/.test(chunk.code))
            logger.warn(`${chunk.fileName} holds text past Latin-1, so V8 keeps its source at two bytes a character`);
        rmSync(dir, { recursive: true });
        renameSync(next, dir);
        logger.info('server bundled into main.mjs and entry.mjs');
      },
    },
  };
}
