import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A portal's back-channel logout endpoint on loopback: every logout token it receives. */
export async function logoutReceiver() {
  const tokens: string[] = [];
  /** Sessions the portal does not know: it answers their tokens 400, as the spec lets it. */
  const unknownSids = new Set<string>();
  /** While set, the portal is down: every logout gets 503. */
  const state = { down: false };
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const token = new URLSearchParams(body).get('logout_token') ?? '';
    tokens.push(token);
    const { sid } = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString() || '{}') as { sid?: string };
    res.writeHead(state.down ? 503 : sid && unknownSids.has(sid) ? 400 : 200).end();
  });
  // As our own server does: the provider's kept-alive connection is never closed under its next logout.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    tokens,
    unknownSids,
    state,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/backchannel-logout`,
    server,
  };
}
