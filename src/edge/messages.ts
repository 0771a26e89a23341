import type { Context } from 'hono';
import type { Diagnosis } from '../auth/diagnosis.ts';
import type { CodeStepResult } from '../auth/login.ts';
import { brand } from '../config/brand.ts';
import { format, texts, type Catalog } from '../i18n/index.ts';
import type { Env } from './env.ts';
import { apiError, requestLang } from './errors.ts';
import { LOCKED_UNTIL_RESET } from '../auth/throttle.ts';
import { clock, moment } from '../i18n/moments.ts';

export function fieldMessage(c: Context<Env>, key: keyof Catalog['fields']): string {
  return texts(requestLang(c)).fields[key];
}

/** The explanation of a refused code, in the customer's language. */
export function diagnosisMessage(c: Context<Env>, diagnosis: Diagnosis): string {
  const t = texts(requestLang(c)).diagnosis;
  if (diagnosis.kind === 'clockDrift') {
    return format(t.clockDrift, { minutes: diagnosis.minutes, direction: t[diagnosis.direction] });
  }
  return format(t[diagnosis.kind], { insurer: brand.insurerName });
}

/** Why the customer cannot log in now, and until when. */
export function lockMessage(c: Context<Env>, until: number): string {
  const lang = requestLang(c);
  const t = texts(lang).api;
  return until >= LOCKED_UNTIL_RESET ? t.lockedUntilReset : format(t.locked, { time: clock(until, lang) });
}

/** The right password of an account that a newer account of its company replaced: when, and what to do. */
export function replacedMessage(c: Context<Env>, at: number): string {
  const lang = requestLang(c);
  return format(texts(lang).api.accountReplaced, { when: moment(new Date(at), lang), phone: brand.phone });
}

/** 401 for a password typed again (no address beside it) that is wrong: said at its field too, where the eye is. */
export function respondPasswordRefused(c: Context<Env>) {
  return apiError(c, 401, 'passwordRefused', { fields: { password: texts(requestLang(c)).api.passwordRefused } });
}

/** 429 for a locked address: until when, in words and as a number. */
export function respondLocked(c: Context<Env>, until: number) {
  return apiError(c, 429, 'locked', { message: lockMessage(c, until), body: { lockedUntil: until } });
}

/** 429 for an app code locked after a hundred wrong ones in a row: what is left to do. */
export function respondAppLocked(c: Context<Env>, staff: boolean) {
  return apiError(c, 429, 'locked', {
    message: texts(requestLang(c)).api[staff ? 'appCodeLockedStaff' : 'appCodeLocked'],
    body: { lockedUntil: LOCKED_UNTIL_RESET },
  });
}

/**
 * 409 for the holder's stop of a takeover the holder can no longer stop: a proven one, which is
 * final, or one staff vouched for, which only staff stop. The message says whom to call.
 */
export function takeoverUnstoppable(c: Context<Env>, why: 'proven' | 'vouched') {
  return apiError(c, 409, why === 'proven' ? 'takeoverProven' : 'takeoverVouched', { vars: { phone: brand.phone } });
}

/** The answer to an app code that did not pass (at login, or staff giving it again): why, and any lock it set. */
export function respondCodeNotPassed(c: Context<Env>, result: Exclude<CodeStepResult, { kind: 'ok' }>) {
  switch (result.kind) {
    case 'invalid-code':
      // The try that locked: the lock is what the customer needs to hear, not what to type.
      return result.lockedUntil
        ? respondLocked(c, result.lockedUntil)
        : apiError(c, 422, 'invalidInput', { fields: { code: fieldMessage(c, 'code') } });
    case 'no-session':
      return apiError(c, 401, 'sessionExpired');
    case 'locked':
      return respondLocked(c, result.until);
    case 'app-locked':
      return respondAppLocked(c, result.staff);
    case 'refused': {
      const message = [diagnosisMessage(c, result.diagnosis), result.lockedUntil ? lockMessage(c, result.lockedUntil) : '']
        .filter(Boolean)
        .join(' ');
      return apiError(c, 401, 'codeRefused', {
        message,
        body: { diagnosis: { ...result.diagnosis, lockedUntil: result.lockedUntil } },
      });
    }
  }
}
