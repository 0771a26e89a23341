import { isIPv6 } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { MiddlewareHandler } from 'hono';
import type { Env } from '../env.ts';

/**
 * The client for rate limits: the socket address Astro hands over, or, behind a reverse proxy
 * (TRUST_PROXY=true), the right-most X-Forwarded-For entry, which is the one our own proxy
 * added and a client cannot forge. Counted per network a client holds (`limitedNetwork`).
 */
export function clientIp(trustProxy: boolean): MiddlewareHandler<Env> {
  return async (c, next) => {
    c.set('clientIp', clientOf(c.req.header('x-forwarded-for'), c.env?.clientAddress, trustProxy));
    await next();
  };
}

/** The client a request counts for, from its X-Forwarded-For header and the socket's address. */
export function clientOf(forwardedFor: string | undefined, socketAddress: string | undefined, trustProxy: boolean): string {
  const forwarded = forwardedFor
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .at(-1);
  return limitedNetwork((trustProxy && forwarded) || socketAddress || 'unknown');
}

const NAT64 = ipaddr.parse('64:ff9b::');

/**
 * What one client's limits count on: an IPv4 address (also when written as IPv6, `::ffff:a.b.c.d`),
 * or an IPv6 /64. A single home or server is given a whole /64, and picks any of its 2^64
 * addresses for each request: counted per address, it would never meet a limit.
 */
export function limitedNetwork(address: string): string {
  // A proxy may write the client's port too (`203.0.113.9:51234`, `[2001:db8::1]:51234`): a new
  // one for every connection, which must not make a new client.
  const bare = address.replace(/^\[([^\]]+)\](?::\d+)?$/, '$1').replace(/^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/, '$1');
  // Most requests come over IPv4, whose address has no colon; Node's own check next (its pattern
  // was 1 % of a refused code's CPU), at a tenth of the cost of a full parse.
  if (!bare.includes(':') || !isIPv6(bare)) return bare;
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = ipaddr.process(bare);
  } catch {
    // Node and ipaddr.js disagreeing on a written form: counted as written, never a failed request.
    return bare;
  }
  if (ip.kind() === 'ipv4') return ip.toString();
  // An IPv4 client reached over NAT64 (64:ff9b::/96) or 6to4 (2002::/16) is that IPv4 address: else
  // all of NAT64's clients would share one limit, and one 6to4 host hold 65,536 networks.
  // (Only the well-known /96: ipaddr.js counts 64:ff9b:1::/48, whose operators choose where the
  // IPv4 address goes, as the same range.)
  const bytes = ip.toByteArray();
  if (ip.match(NAT64, 96)) return ipaddr.fromByteArray(bytes.slice(12)).toString();
  if (ip.range() === '6to4') return ipaddr.fromByteArray(bytes.slice(2, 6)).toString();
  return `${(ip as ipaddr.IPv6).parts
    .slice(0, 4)
    .map((part) => part.toString(16))
    .join(':')}::/64`;
}
