import { levelName, levels } from '../shared/eherkenning/levels.ts';
import { format } from '../i18n/format.ts';
import type { RecoveryTexts } from '../site/flow-texts.ts';

/** Levels the server may name in a refusal; anything else in the address is not shown. */
export const levelNames: readonly string[] = levels.map(levelName);

/**
 * Back from eHerkenning to prove a request: `#proof=ok`, or why not. Only
 * values the server can send are read; the fragment is then removed.
 */
export function takeProofOutcome(t: RecoveryTexts): { ok: boolean; message: string | null } | null {
  const params = new URLSearchParams(location.hash.slice(1));
  const proof = params.get('proof');
  if (!proof) return null;
  history.replaceState(null, '', location.pathname + location.search);
  if (proof === 'ok') return { ok: true, message: null };
  const level = params.get('level');
  if (proof === 'levelTooLow' && level && levelNames.includes(level))
    return { ok: false, message: format(t.proofErrors.levelTooLow, { level }) };
  const known = {
    otherCompany: t.proofErrors.otherCompany,
    intermediary: t.proofErrors.intermediary,
    throttled: t.proofErrors.throttled,
  };
  return { ok: false, message: Object.hasOwn(known, proof) ? known[proof as keyof typeof known] : t.proofErrors.failed };
}
