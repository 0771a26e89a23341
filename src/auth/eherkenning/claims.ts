import { parseLevel, type Level } from '../../shared/eherkenning/levels.ts';
import type { Customer } from '../../store/types.ts';

/**
 * Where a broker puts what eHerkenning tells us. Brokers name claims
 * differently, so each name is configuration; the defaults are the
 * eHerkenning attribute names that OpenID Connect brokers reuse.
 */
export interface ClaimNames {
  company: string;
  /** The qualifier a company value may carry in front: `<qualifier>:<KvK number>`. */
  companyQualifier: string;
  branch: string;
  actingSubject: string;
  intermediary: string;
  level: string;
}

export const defaultClaimNames: ClaimNames = {
  company: 'urn:etoegang:core:LegalSubjectID',
  companyQualifier: 'urn:etoegang:1.9:EntityConcernedID:KvKnr',
  branch: 'urn:etoegang:1.9:ServiceRestriction:Vestigingsnr',
  actingSubject: 'urn:etoegang:core:ActingSubjectID',
  intermediary: 'urn:etoegang:1.9:IntermediateEntityID:KvKnr',
  level: 'acr',
};

export interface EherkenningIdentity {
  kvkNumber: string;
  branchNumber: string | null;
  /** A pseudonym of the acting person; never a name. */
  pseudonym: string;
  intermediaryKvk: string | null;
  level: Level;
}

/**
 * Whether the authorisation covers a customer record: one for the whole company covers each of
 * its records, one for a branch only that branch's. The one rule for logging in and for vouching.
 */
export const covers = (identity: Pick<EherkenningIdentity, 'kvkNumber' | 'branchNumber'>, customer: Customer) =>
  customer.kvk_number === identity.kvkNumber && (!identity.branchNumber || customer.vestigingsnummer === identity.branchNumber);

export type ClaimsResult =
  | { ok: true; identity: EherkenningIdentity }
  | { ok: false; missing: 'company' | 'actingSubject' | 'level' | 'branch' | 'intermediary' };

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/** A KvK number from a claim value, with or without its qualifier in front. */
function kvk(value: unknown, qualifier: string): string | null {
  const raw = text(value);
  if (!raw) return null;
  const bare = raw.startsWith(`${qualifier}:`) ? raw.slice(qualifier.length + 1) : raw;
  return /^\d{8}$/.test(bare) ? bare : null;
}

/** What the ID token says, checked: a missing or malformed claim is named, never guessed. */
export function readClaims(claims: Record<string, unknown>, names: ClaimNames): ClaimsResult {
  const kvkNumber = kvk(claims[names.company], names.companyQualifier);
  if (!kvkNumber) return { ok: false, missing: 'company' };
  const pseudonym = text(claims[names.actingSubject]);
  if (!pseudonym || pseudonym.length > 256) return { ok: false, missing: 'actingSubject' };
  const level = parseLevel(claims[names.level]);
  if (!level) return { ok: false, missing: 'level' };
  // A branch claim in any other shape (a list, a number, blank) is refused: read as no branch, it
  // would widen an authorisation for one branch to the whole company.
  const branchRaw = claims[names.branch];
  const branchNumber = branchRaw === undefined || branchRaw === null ? null : (text(branchRaw) ?? '');
  if (branchNumber !== null && !/^\d{12}$/.test(branchNumber)) return { ok: false, missing: 'branch' };
  const intermediaryRaw = claims[names.intermediary];
  const intermediaryKvk =
    intermediaryRaw === undefined || intermediaryRaw === null ? null : kvk(intermediaryRaw, names.companyQualifier);
  if (intermediaryRaw !== undefined && intermediaryRaw !== null && !intermediaryKvk)
    return { ok: false, missing: 'intermediary' };
  return { ok: true, identity: { kvkNumber, branchNumber, pseudonym, intermediaryKvk, level } };
}
