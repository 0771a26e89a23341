import { z } from '@hono/zod-openapi';
import { langs } from '../../i18n/lang.ts';
import { wizardIds } from '../../wizards/ids.ts';
import { appCode, typedText } from './schemas.ts';

// What the console's endpoints answer: the contract the console islands read
// (as types), and what the OpenAPI document says of them. Never a secret.

export const reason = typedText(500)
  .min(3)
  .openapi({ description: 'Why, for the audit log', example: 'Klant belt: code werkt niet' });
/** The app's code, with an action that gives or takes away access, when the last one is over 10 minutes old. */
export const staffCode = appCode
  .optional()
  .openapi({ description: 'A code from the app; needed when the last one was given over 10 minutes ago (403 confirmWithCode)' });
/** A real calendar day (2024-02-29 yes, 2026-02-30 no): a pattern alone lets month 92 through to Date.parse. */
export const dayParam = z.iso.date();

const RequestStateSchema = z.object({
  id: z.string(),
  kind: z.enum(['rebind', 'replace']),
  side: z.enum(['asker', 'holder']),
  status: z.enum(['open', 'proven', 'done', 'cancelled', 'expired']),
  createdAt: z.number(),
  expiresAt: z.number(),
  proof: z.enum(['recovery-code', 'eherkenning', 'letter', 'staff']).nullable(),
  /** Who gave an eHerkenning proof: the company, branch, level and the acting person's pseudonym. */
  provenBy: z
    .object({ kvkNumber: z.string(), branchNumber: z.string().nullable(), pseudonym: z.string(), level: z.string() })
    .nullable(),
  letterSentAt: z.number().nullable(),
  approvals: z.array(z.object({ by: z.string(), at: z.number(), check: z.string().nullable() })),
});

export const AccountStateSchema = z
  .object({
    id: z.string(),
    email: z.string().nullable(),
    kind: z.enum(['email', 'eherkenning', 'staff']),
    status: z.enum(['unverified', 'verified', 'active', 'superseded', 'eherkenning', 'disabled']),
    company: z.string().nullable(),
    policyNumber: z.string().nullable(),
    kvkNumber: z.string().nullable(),
    letterAddress: z.boolean().nullable(),
    activatedAt: z.number().nullable(),
    authenticatorBoundAt: z.number().nullable(),
    lockedUntil: z.number().nullable(),
    /** Locked until a new password: staff cannot lift it. */
    lockedUntilReset: z.boolean(),
    failuresInARow: z.number(),
    /** Wrong app codes in a row from browsers that never logged in to the account; `locked` after a hundred, until a new phone. */
    /** Strangers' browsers, and (`own`) the customer's own: each locks at a hundred. */
    appCodes: z.object({
      inARow: z.number(),
      locked: z.boolean(),
      own: z.object({ inARow: z.number(), locked: z.boolean() }),
    }),
    events: z.array(z.object({ at: z.number(), kind: z.string() })),
    attempts: z.array(
      z.object({
        at: z.number(),
        method: z.string(),
        step: z.string(),
        outcome: z.string(),
        diagnosis: z.string().nullable(),
        detail: z.record(z.string(), z.unknown()).nullable(),
      }),
    ),
    openLinks: z.array(z.object({ kind: z.string(), expiresAt: z.number() })),
    eherkenning: z.object({ pseudonym: z.string(), level: z.string().nullable() }).nullable(),
    requests: z.array(RequestStateSchema),
    mayStartTakeover: z.boolean(),
  })
  .openapi('AccountState');

export const HelpCodeFound = z
  .object({
    code: z.string(),
    createdAt: z.number(),
    context: z.union([
      z.object({ kind: z.literal('wizard'), wizard: z.enum(wizardIds), path: z.string(), lang: z.enum(langs) }),
      z.object({
        kind: z.literal('error'),
        page: z.string(),
        reason: z.string(),
        lang: z.enum(langs),
        level: z.string().optional(),
      }),
    ]),
  })
  .openapi('HelpCodeFound');

export const StaffMemberSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role: z.enum(['agent', 'supervisor']),
    state: z.enum(['invited', 'active', 'disabled']),
    lockedUntil: z.number().nullable(),
    /** Locked until a new invitation: staff cannot lift it. */
    lockedUntilReset: z.boolean(),
    since: z.number(),
  })
  .openapi('StaffMember');

export const AuditEntrySchema = z
  .object({
    seq: z.number(),
    at: z.number(),
    agent_email: z.string(),
    action: z.string(),
    subject: z.string(),
    reason: z.string(),
    outcome: z.string(),
  })
  .openapi('AuditEntry');

export const ReportSchema = z
  .object({
    articles: z.array(
      z.object({ page: z.string(), lang: z.enum(langs), yes: z.number(), no: z.number(), helpfulShare: z.number() }),
    ),
    searchesWithoutResult: z.array(z.object({ lang: z.enum(langs), query: z.string(), total: z.number() })),
    // Counted under the wizards of their day: a wizard renamed since still shows, by its old id.
    wizardEnds: z.array(z.object({ wizard: z.string(), end: z.string(), total: z.number() })),
    comments: z.array(z.object({ at: z.number(), page: z.string(), lang: z.enum(langs), comment: z.string() })),
  })
  .openapi('Report');

export type AccountStateAnswer = z.infer<typeof AccountStateSchema>;
export type RequestStateAnswer = z.infer<typeof RequestStateSchema>;
export type StaffMemberAnswer = z.infer<typeof StaffMemberSchema>;
export type AuditEntryAnswer = z.infer<typeof AuditEntrySchema>;
export type HelpCodeAnswer = z.infer<typeof HelpCodeFound>;
export type ReportAnswer = z.infer<typeof ReportSchema>;
