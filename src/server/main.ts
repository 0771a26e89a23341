// Starts the built site: static pages and the /api route in one Node process.
// Run after `astro build`: `node src/server/main.ts` (npm start does both).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { pageHeaders } from './headers.ts';

process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const entry = new URL('../../dist/server/entry.mjs', import.meta.url);
const { handler } = (await import(entry.href)) as {
  handler: (req: IncomingMessage, res: ServerResponse) => void;
};

const port = Number(process.env.PORT ?? 4321);
const host = process.env.HOST ?? '127.0.0.1';
const headers = pageHeaders(process.env.PUBLIC_ORIGIN ?? `http://localhost:${port}`);

const server = createServer((req, res) => {
  for (const [name, value] of headers) res.setHeader(name, value);
  handler(req, res);
});

server.listen(port, host, () => {
  console.log(`Help center ready on http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/`);
});

// Finish what is in flight, then leave; a stuck connection does not keep us alive.
function shutdown(signal: string) {
  console.log(`${signal} received: closing`);
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 10_000).unref();
}
process.once('SIGTERM', () => shutdown('SIGTERM'));
process.once('SIGINT', () => shutdown('SIGINT'));
