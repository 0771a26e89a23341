import { z } from '@hono/zod-openapi';
import { langs } from '../../i18n/lang.ts';
import { isPolicyNumber, normalizePolicyNumber } from '../policy-number.ts';
import { DIRECTION_MARKS } from '../direction-marks.ts';

// Every request body the API accepts. Strict objects: an unknown field (in a form, a repeated one
// too) is a mistake worth telling, not something to ignore. A field repeated in JSON is read as
// JSON.parse reads it: the last one counts.

const email = z.email().max(254).openapi({ example: 'naam@bedrijf.nl' });
const password = z.string().min(1).max(1024);

export const RegisterBody = z
  .strictObject({
    email,
    policyNumber: z
      .string()
      .max(40)
      .refine((typed) => isPolicyNumber(normalizePolicyNumber(typed)))
      .openapi({ example: 'ZP100001' }),
    lang: z.enum(langs).optional(),
  })
  .openapi('RegisterBody');

export const TokenBody = z.strictObject({ token: z.string().min(20).max(100) }).openapi('TokenBody');

/** A mailed new-phone link; for a request proven already, with the account's password. */
export const RebindStartBody = z
  .strictObject({ token: TokenBody.shape.token, password: password.optional() })
  .openapi('RebindStartBody');

export const TakeoverStartBody = z.strictObject({ token: TokenBody.shape.token, password }).openapi('TakeoverStartBody');

export const LoginBody = z.strictObject({ email, password }).openapi('LoginBody');

/** A code from the authenticator app, as typed (spaces and all): the domain reads it (normalizeCode). */
export const appCode = z.string().min(1).max(20);

export const CodeBody = z.strictObject({ code: appCode.openapi({ example: '123456' }) }).openapi('CodeBody');

export const DiagnosisSchema = z
  .object({
    kind: z.enum(['clockDrift', 'usedCode', 'oldAuthenticator', 'wrongCode']),
    minutes: z.number().optional(),
    direction: z.enum(['ahead', 'behind']).optional(),
    lockedUntil: z.number().nullable().optional(),
  })
  .openapi('Diagnosis');

export const RequestViewSchema = z
  .object({
    kind: z.enum(['rebind', 'replace']),
    status: z.enum(['open', 'proven']),
    proofs: z.array(z.enum(['recovery-code', 'eherkenning', 'letter', 'staff'])),
    letter: z.object({ sentAt: z.number(), expectedBy: z.number(), validUntil: z.number() }).nullable(),
    approvals: z.number().int(),
    expiresAt: z.number(),
    holder: z.string().nullable(),
  })
  .openapi('RecoveryRequest', { description: 'A new phone or a takeover of the company login, waiting for a second proof' });

/** Every error: a code for programs, a translated message for people, and for a refused code, why. */
export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional(),
    }),
    requestId: z.string().optional(),
    diagnosis: DiagnosisSchema.optional(),
    lockedUntil: z.number().optional(),
    replacement: z
      .object({ holder: z.string(), request: RequestViewSchema.nullable(), eherkenning: z.boolean().optional() })
      .optional(),
  })
  .openapi('Error');

export const NextStep = z.object({ next: z.enum(['code', 'enrol', 'portal', 'login']) }).openapi('NextStep');

/** Ten single-use codes, shown once. */
const recoveryCodes = z.array(z.string().openapi({ example: 'ACDE-FGHJ-KMNP-QRTU' })).max(10);

export const EnrolmentDone = z.object({ next: z.enum(['portal', 'login']), recoveryCodes }).openapi('EnrolmentDone', {
  description: 'The app is linked; a customer’s ten recovery codes are shown once, never again (staff get none)',
});

export const RecoveryCodes = z.object({ recoveryCodes }).openapi('RecoveryCodes');

export const RecoveryCodeBody = z
  .strictObject({ code: z.string().min(1).max(40).openapi({ example: 'ACDE-FGHJ-KMNP-QRTU' }) })
  .openapi('RecoveryCodeBody');

export const RecoveryCodeLogin = z
  .object({ next: z.literal('portal'), codesLeft: z.number().int(), newPhoneMailSent: z.literal(true) })
  .openapi('RecoveryCodeLogin');

export const PasswordAndCodeBody = z.strictObject({ password, code: appCode }).openapi('PasswordAndCodeBody');

export const RequestAnswer = z.object({ request: RequestViewSchema }).openapi('RecoveryRequestAnswer');

export const EmailBody = z.strictObject({ email, lang: z.enum(langs).optional() }).openapi('EmailBody');

export const NewPasswordBody = z.strictObject({ token: z.string().min(20).max(100), password }).openapi('NewPasswordBody');

export const EmailChangeBody = z.strictObject({ newEmail: email, password }).openapi('EmailChangeBody');

export const PasswordAgainBody = z.strictObject({ password }).openapi('PasswordAgainBody');

export const EndSessionsBody = z
  .strictObject({
    password,
    only: z
      .string()
      .regex(/^[0-9a-f]{32}$/)
      .optional()
      .openapi({
        description: "One place to log out: a session's `ref` from `GET /api/session`. Without it, every other place.",
      }),
  })
  .openapi('EndSessionsBody');

export const CheckMail = z
  .object({
    status: z.literal('checkMail'),
    /** The mail server is not taking mail right now: it is kept and sent later. */
    mailDelayed: z.boolean().optional(),
  })
  .openapi('CheckMail');

export const EnrolmentOffer = z
  .object({ key: z.string(), uri: z.string(), qrSvg: z.string(), email: z.string() })
  .openapi('EnrolmentOffer');

export const PortalViewSchema = z
  .object({
    email: z.string().nullable(),
    company: z.string(),
    policyNumber: z.string(),
    productLines: z.array(z.string()),
    method: z.enum(['password', 'eherkenning']),
    since: z.number(),
    level: z.string().nullable(),
    intermediary: z.string().nullable(),
    /** Email logins: how many recovery codes are left; null for eHerkenning. */
    recoveryCodesLeft: z.number().int().nullable(),
    /** Email logins: newer accounts' running requests to take this one over (their addresses masked), the newest first. */
    takeovers: z.array(
      z.object({ id: z.string(), asker: z.string(), since: z.number(), proven: z.boolean(), vouched: z.boolean() }),
    ),
    /** Running takeovers beyond those listed (at most ten are). */
    moreTakeovers: z.number().int(),
    /** Email logins: where the account is logged in now, this browser first. */
    sessions: z.array(
      z.object({
        ref: z.string(),
        current: z.boolean(),
        since: z.number(),
        lastSeen: z.number(),
        recoveryCode: z.boolean(),
        browser: z.string().nullable(),
        os: z.string().nullable(),
      }),
    ),
    /** eHerkenning logins: the company's email login (its address masked), since when, and whether that is recent. */
    companyLogin: z.object({ email: z.string(), since: z.number(), recent: z.boolean() }).nullable(),
  })
  .openapi('PortalView');

/**
 * Text a person types (a search, a comment, a reason for the audit log), trimmed. Control
 * characters other than tabs and line breaks are refused: none belongs in such a text, and
 * PostgreSQL cannot store a NUL, which would otherwise fail there as a fault. So are the
 * direction marks, overrides and isolates (U+061C, U+200E, U+200F, U+202A–U+202E,
 * U+2066–U+2069): they make a text read otherwise than its letters go, so a reason in the
 * audit log could say what it does not. The texts here are Dutch and English, which need none.
 */
export const typedText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(new RegExp(`^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f${DIRECTION_MARKS}]*$`))
    // Half of a UTF-16 pair, which no keyboard types: the database would store a U+FFFD in its place.
    .refine((text) => text.isWellFormed());

/** JSON request body, as @hono/zod-openapi wants it described. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { content: { 'application/json': { schema } }, required: true } as const;
}

export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { content: { 'application/json': { schema } }, description } as const;
}

export const errorResponse = (description: string) => jsonResponse(ErrorResponse, description);

// The answers' types, for the islands that read them (imported as types only).
export type RequestViewAnswer = z.infer<typeof RequestViewSchema>;
export type PortalViewAnswer = z.infer<typeof PortalViewSchema>;
