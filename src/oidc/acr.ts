import { levels, levelUrn, meetsLevel, parseLevel, type Level } from '../shared/eherkenning/levels.ts';
import type { Session } from '../store/types.ts';
import { detailsOf } from '../auth/sessions.ts';

/** Our own values for an email login: password and the app's code, or password and a recovery code. */
export const ACR_PASSWORD_APP = 'urn:helpcenter:acr:password-app';
export const ACR_PASSWORD_RECOVERY_CODE = 'urn:helpcenter:acr:password-recovery-code';
export const supportedAcrValues = [ACR_PASSWORD_APP, ACR_PASSWORD_RECOVERY_CODE, ...levels.map(levelUrn)];

/** How a session of ours logged in, as `acr` and `amr` (RFC 8176) for the ID token. */
export function acrOf(session: Session): { acr: string; amr: string[] } {
  const details = detailsOf(session);
  // A level that is somehow missing counts as the lowest, never as enough.
  if (session.method === 'eherkenning') return { acr: levelUrn(details.level ?? 'loa1'), amr: ['eherkenning'] };
  // `otp` is an app's code (RFC 8176 names HOTP and TOTP): a recovery code from the sheet is none,
  // and a client that checks for `otp` must not take the sheet for the phone.
  return details.recoveryCode
    ? { acr: ACR_PASSWORD_RECOVERY_CODE, amr: ['pwd', 'mfa'] }
    : { acr: ACR_PASSWORD_APP, amr: ['pwd', 'otp', 'mfa'] };
}

/**
 * Whether a login meets what a client asked for in `acr_values`: one of the
 * values itself, or an eHerkenning level at least as high as one asked for
 * (EH4 answers a request for EH3). An email login never answers an eHerkenning request.
 */
export function satisfies(acr: string, requested: string[]): boolean {
  if (requested.length === 0 || requested.includes(acr)) return true;
  const level = parseLevel(acr);
  if (!level) return false;
  return requested.some((r) => {
    const wanted = parseLevel(r);
    return wanted !== null && meetsLevel(level, wanted);
  });
}

/** The lowest eHerkenning level among the values asked for, if any: what to ask the broker for. */
export function lowestLevel(requested: string[]): Level | null {
  const asked = requested.map(parseLevel).filter((level) => level !== null);
  return asked.length ? asked.reduce((low, level) => (meetsLevel(low, level) ? level : low)) : null;
}

/** Whether only an eHerkenning login can meet the request: every value asked for is a level. */
export function needsEherkenning(requested: string[]): boolean {
  return requested.length > 0 && requested.every((r) => parseLevel(r) !== null);
}
