// Starts the built site: static pages and the /api route in one Node process.
// `astro build` bundles it into dist/server/main.mjs, beside Astro's entry.mjs (src/integrations/server-bundle.ts);
// `npm start` builds and runs that.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { ConfigError } from '../config/server.ts';
import type { Bindings } from '../edge/env.ts';
import { appsFor } from './edge.ts';
import { headersForPage, pageHeaders, transportHeaders } from './headers.ts';
import { refuse } from './refuse.ts';
import { releaseStartupMemory } from './release-memory.ts';
import { createHttpServer } from './http-server.ts';
import { createRuntime, provideRuntime } from './runtime.ts';

// The runtime (database, mail) is made before the first request, and shared
// with the Astro routes through provideRuntime.
const runtimePromise = createRuntime(process.env);
provideRuntime(runtimePromise);
const runtime = await runtimePromise.catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(1);
});

process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const entry = new URL('./entry.mjs', import.meta.url);
const { handler } = (await import(entry.href)) as {
  handler: (req: IncomingMessage, res: ServerResponse) => void;
};

// /api and /dev go straight to their Hono apps: the same apps the Astro routes
// in src/pages/ call under `astro dev`, without Astro's static-file lookups in
// front of every API request (a third of an API request's cost, measured).
const apps = appsFor(runtime);
// Hono's own Node adapter: it reads a JSON body straight from the socket and writes a string
// answer in one go with its length, where a WHATWG Request and a streamed Response cost a refused
// login code a fifth of its CPU time (measured; see the README).
const toApp = (app: { fetch: (request: Request, env: Bindings) => Response | Promise<Response> }) => {
  const listener = getRequestListener(
    // Gone before its whole request arrived. Not `destroyed`: a body read to its end destroys the
    // request too, and a database failing after that must still be answered as the database going
    // away. Not `readableAborted` alone: a whole body recovered after the client hung up is read too.
    (request, { incoming }) =>
      app.fetch(request, {
        clientAddress: incoming.socket.remoteAddress,
        clientLeft: () => incoming.readableAborted && !incoming.complete,
      }),
    {
      // HTTP/1.0 allows a request without Host, as a load balancer's health check sends it.
      hostname: new URL(runtime.config.publicOrigin).host,
      // Node's server already discards a body nobody read once the answer is sent; the adapter's
      // own clean-up closed kept-alive connections half a second later, under a client's next request.
      autoCleanupIncoming: false,
      // Only a request that cannot even be made into a Request gets here (the apps answer every
      // fault themselves): it is answered below rather than with an empty 400.
      errorHandler: (error) => void runtime.log.warn({ err: (error as Error).message }, 'unreadable request'),
    },
  );
  return async (req: IncomingMessage, res: ServerResponse) => {
    await listener(req, res);
    if (!res.headersSent) refuse(req, res, 400, 'invalidInput');
  };
};
const api = toApp(apps.api);
const dev = toApp(apps.dev);

/** The broker and the OpenID Provider are built at their first request; one that could not be built is answered here. */
function whenBuilt(handling: Promise<void>, req: IncomingMessage, res: ServerResponse) {
  handling.catch((error: Error) => {
    runtime.log.error({ err: error.message, stack: error.stack }, 'a request under /oidc or /broker failed');
    if (!res.headersSent) refuse(req, res, 500, 'internal');
  });
}

const headers = pageHeaders(runtime.config.publicOrigin);
const proxyHeaders = ['x-forwarded-for', 'x-forwarded-host', 'forwarded', 'x-real-ip'];
const providerHeaders = transportHeaders(runtime.config.publicOrigin);
function route(req: IncomingMessage, res: ServerResponse) {
  // Not methods a browser sends, nor ones a WHATWG Request can carry.
  if (!['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].includes(req.method ?? '')) {
    return refuse(req, res, 405, 'methodNotAllowed');
  }
  // Only a path is served: Node's parser also passes `*`, `*:99999` and `http://host/…` on, and the
  // apps and the page handler read the address as a path.
  if (!req.url?.startsWith('/')) return refuse(req, res, 400, 'invalidInput');
  // Route on the path as the apps will see it: `/api/../etc` is not an API path.
  const url = new URL(`http://host${req.url}`).pathname;
  // `/api` itself too: Astro's own route for it would load and build a second copy of the API (9 MiB).
  const under = (prefix: string) => url === prefix || url.startsWith(`${prefix}/`);
  if (under('/api')) return void api(req, res);
  // Development's own pages (every mail, a broker that proves any company, a demo portal) are for
  // the developer at this machine: a request that a proxy passed on comes from someone else.
  if (['/dev', '/broker', '/demo-portal'].some(under) && proxyHeaders.some((name) => name in req.headers))
    return refuse(req, res, 404, 'notFound');
  if (under('/dev')) return void dev(req, res);
  if (under('/broker') && runtime.devBroker) return whenBuilt(runtime.devBroker(req, res), req, res);
  if (under('/oidc') && runtime.oidc) {
    for (const [name, value] of providerHeaders) res.setHeader(name, value);
    return whenBuilt(runtime.oidc.handle(req, res), req, res);
  }
  if (under('/demo-portal') && runtime.demoPortal) return void runtime.demoPortal(req, res);
  for (const [name, value] of [...headers, ...headersForPage(url)]) res.setHeader(name, value);
  handler(req, res);
}

// A fault while routing answers its own request; left to Node, it would stop the server for all.
const server = createHttpServer((req, res) => {
  try {
    route(req, res);
  } catch (error) {
    runtime.log.error(
      { err: (error as Error).message, stack: (error as Error).stack, target: req.url?.slice(0, 200) },
      'a request could not be routed',
    );
    if (!res.headersSent) refuse(req, res, 500, 'internal');
  }
});

const { port, host } = runtime.config;
server.listen(port, host, () => {
  runtime.log.info({ url: `http://${host}:${port}/`, publicOrigin: runtime.config.publicOrigin }, 'help center listening');
  if (runtime.config.mode === 'development') {
    console.log(`\n  Help center: http://localhost:${port}/   Mail outbox: http://localhost:${port}/dev/mail\n`);
  }
  try {
    releaseStartupMemory();
  } catch (error) {
    // Only memory is at stake: the server serves on.
    runtime.log.warn({ failure: (error as Error).message }, 'start-up memory not released');
  }
});

// Stop accepting, finish what is in flight (at most 10 seconds), close the store, leave.
function shutdown(signal: string) {
  runtime.log.info({ signal }, 'shutting down');
  const force = setTimeout(() => {
    runtime.log.error('requests still running after 10 s; leaving anyway');
    process.exit(1);
  }, 10_000);
  force.unref();
  server.close(async () => {
    await runtime.close();
    runtime.log.info('stopped');
    process.exit(0);
  });
  // Keep-alive connections go as soon as their request is answered.
  server.closeIdleConnections();
  setInterval(() => server.closeIdleConnections(), 50).unref();
}
process.once('SIGTERM', () => shutdown('SIGTERM'));
process.once('SIGINT', () => shutdown('SIGINT'));
