// One closed list of login outcomes for the metrics: success, or why not.
import type { PasswordStepResult } from '../auth/login.ts';

/** The password step: right (on to the code or to linking an app), or why not. */
export function passwordOutcome(kind: PasswordStepResult['kind']): string {
  return {
    code: 'success',
    enrol: 'success',
    replaced: 'accountReplaced',
    refused: 'wrongPassword',
    locked: 'locked',
    'setup-expired': 'setupExpired',
  }[kind];
}

/** A recovery code in place of the app's code. */
export function recoveryCodeOutcome(kind: 'ok' | 'refused' | 'locked' | 'no-session'): string {
  return { ok: 'recoveryCode', refused: 'wrongRecoveryCode', locked: 'locked', 'no-session': 'sessionExpired' }[kind];
}

/** A code at login or when linking an app: success, the diagnosis of a refusal (clockDrift, usedCode, …), or the state. */
export function codeOutcome(result: { kind: string; diagnosis?: { kind: string } }): string {
  if (result.kind === 'ok' || result.kind === 'bound' || result.kind === 'rebound') return 'success';
  if (result.kind === 'refused' && result.diagnosis) return result.diagnosis.kind;
  return (
    {
      locked: 'locked',
      'app-locked': 'appCodeLocked',
      'no-session': 'sessionExpired',
      'invalid-code': 'malformedCode',
      expired: 'enrolmentExpired',
    }[result.kind] ?? result.kind
  );
}
