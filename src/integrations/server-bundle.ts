import type { AstroIntegration } from 'astro';
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

/**
 * Bundles the server's own TypeScript (src/server/main.ts and what it imports) into
 * `main.mjs` beside Astro's `entry.mjs`, so that production runs plain JavaScript. Under
 * Node's type stripping the process also held the TypeScript stripper (a 3.7 MB script
 * and its WebAssembly): 17 MiB of an idle server's memory. Packages stay imports from
 * node_modules; only our modules are bundled.
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
        await build({
          input: fileURLToPath(new URL('../server/main.ts', import.meta.url)),
          platform: 'node',
          // A bare name is a package or a Node built-in: left to Node to load at run time.
          external: (id, _importer, isResolved) => !isResolved && !id.startsWith('.') && !isAbsolute(id),
          logLevel: 'warn',
          output: {
            dir: fileURLToPath(serverDir),
            format: 'esm',
            entryFileNames: 'main.mjs',
            chunkFileNames: 'main-[name]-[hash].mjs',
          },
        });
        logger.info('server bundled into main.mjs');
      },
    },
  };
}
