/**
 * How the built server is started, in one place for the tests, the benchmarks and Playwright
 * (package.json's `start` and `serve` say the same; a test holds them equal).
 *
 * V8 gives a young generation of 64 MiB by default, and under load the server's resident set
 * grew to fill it: a semi-space of 4 MiB took peak memory under `npm run bench -- endpoints`
 * from about 380 to about 280 MiB with no loss of requests per second (2 was measured too:
 * 8 % fewer refusals per second).
 */
export const serverNodeFlags = ['--max-semi-space-size=4'];

/** The bundle `astro build` writes (src/integrations/server-bundle.ts): plain JavaScript, no type stripping. */
export const serverArgs = [...serverNodeFlags, 'dist/server/main.mjs'];
