import { createServer, type RequestListener, type Server } from 'node:http';

/**
 * How long a client may take to send a request. Node's own limits are a minute for the headers
 * and five for the whole request, so a client trickling bytes held a connection that long; our
 * bodies are 16 KB at most, and a proxy in front buffers them anyway.
 */
export const SLOW_CLIENT_LIMITS = { headersMs: 20_000, requestMs: 30_000, checkEveryMs: 5_000 };

/** The HTTP server every process of ours listens with (the built server, the tests' servers). */
export function createHttpServer(listener: RequestListener, limits = SLOW_CLIENT_LIMITS): Server {
  const server = createServer(
    { headersTimeout: limits.headersMs, requestTimeout: limits.requestMs, connectionsCheckingInterval: limits.checkEveryMs },
    listener,
  );
  // Longer than a load balancer's own idle time (60 s on the common ones) and than a browser's, so
  // the other side always gives up an idle connection first: with Node's five seconds the server
  // closed connections just as a busy client sent its next request on them.
  server.keepAliveTimeout = 65_000;
  return server;
}
