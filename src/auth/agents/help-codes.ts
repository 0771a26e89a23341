import type { HelpCodeAnswer } from '../../shared/api/schemas-agent.ts';
import { HELP_CODE_TTL_MS as TTL_MS } from '../policy.ts';
import type { Store } from '../../store/types.ts';
import type { AuthDeps } from '../deps.ts';
import { normalizeReadableCode, readableCode } from '../readable-code.ts';

const LENGTH = 6;

/** Where the customer is: the API contract's shape, one definition for the edge, the domain and the islands. */
export type HelpContext = HelpCodeAnswer['context'];

/** K7M-4QX: formatted for reading out; stored without the dash. */
export function formatHelpCode(code: string): string {
  return `${code.slice(0, 3)}-${code.slice(3)}`;
}

/** What an agent types, back to the stored form; null when it cannot be a help code. */
export const normalizeHelpCode = (input: string) => normalizeReadableCode(input, LENGTH);

/** A new help code for this moment, kept 24 hours. */
export async function createHelpCode(deps: AuthDeps, context: HelpContext): Promise<string> {
  const now = deps.clock.now();
  for (;;) {
    const code = readableCode(deps, LENGTH);
    if (await deps.store.createHelpCode(code, JSON.stringify(context), now, now + TTL_MS)) return code;
  }
}

/** `store` is the transaction the agent's audit line is written in. */
export async function findHelpCode(
  deps: AuthDeps,
  store: Store,
  input: string,
): Promise<{ context: HelpContext; createdAt: number } | null> {
  const code = normalizeHelpCode(input);
  if (!code) return null;
  const found = await store.findHelpCode(code, deps.clock.now());
  return found ? { context: JSON.parse(found.context) as HelpContext, createdAt: found.created_at } : null;
}
