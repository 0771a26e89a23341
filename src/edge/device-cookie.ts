import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { SecretSealer } from '../auth/deps.ts';
import type { KnownDevice } from '../auth/throttle.ts';

/** A browser that logged in before: sealed, so only this server can read or make one. */
const DEVICE_COOKIE = '__Host-device';
const MAX_ACCOUNTS = 5;
const YEAR_S = 400 * 86_400;

export function knownDevice(c: Context, sealer: SecretSealer): KnownDevice | null {
  const sealed = getCookie(c, DEVICE_COOKIE);
  if (!sealed || sealed.length > 2000) return null;
  try {
    const device = JSON.parse(sealer.open(sealed)) as KnownDevice;
    return typeof device.id === 'string' && Array.isArray(device.accountIds) ? device : null;
  } catch {
    return null;
  }
}

/**
 * After a full login: this browser now knows the account, and gets its own
 * allowance of attempts for it, apart from strangers trying the same address.
 */
export function rememberDevice(c: Context, sealer: SecretSealer, accountId: string): void {
  const device = knownDevice(c, sealer) ?? { id: crypto.randomUUID(), accountIds: [] };
  const accountIds = [accountId, ...device.accountIds.filter((id) => id !== accountId)].slice(0, MAX_ACCOUNTS);
  setCookie(c, DEVICE_COOKIE, sealer.seal(JSON.stringify({ id: device.id, accountIds })), {
    path: '/',
    secure: true,
    httpOnly: true,
    sameSite: 'Lax',
    maxAge: YEAR_S,
  });
}
