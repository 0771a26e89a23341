/** A policy number as typed ("zp 100-001") to the form on the policy and in the insurer's records ("ZP100001"). */
export function normalizePolicyNumber(policy: string): string {
  return policy.toUpperCase().replace(/[\s.-]/g, '');
}

/** What a policy number looks like once normalized: 6 to 20 letters and digits. */
export const isPolicyNumber = (normalized: string) => /^[A-Z0-9]{6,20}$/.test(normalized);
