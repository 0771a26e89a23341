import { z } from 'zod';
import type { Customer, Store } from '../store/types.ts';
import type { Clock, Random } from './deps.ts';
import { isPolicyNumber, normalizePolicyNumber } from '../shared/policy-number.ts';
import { DIRECTION_MARKS } from '../shared/direction-marks.ts';

/** The insurer's product lines that the portal knows about. */
export const productLines = ['business-package', 'employee-benefits', 'disability', 'liability', 'vehicles'] as const;

/**
 * Control characters, line and paragraph separators, and the marks that turn text around:
 * printed on a letter, shown to staff or handed to the portal, they would hide or reorder what a
 * name says, or add a line to an address. (The zero-width non-joiner stays: Persian needs it.)
 */
const hiddenCharacters = new RegExp(`[\\p{Cc}\\u2028\\u2029${DIRECTION_MARKS}]`, 'u');
const plainText = (field: string) => [(v: string) => !hiddenCharacters.test(v), `${field}: no control characters`] as const;

/** One business customer as the insurer's records give it. */
const optionalText = (field: string, max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine(...plainText(field))
    .optional()
    .transform((v) => v || null);

export const customerRecord = z
  .object({
    policy_number: z
      .string()
      .transform(normalizePolicyNumber)
      .refine(isPolicyNumber, 'policy number: 6 to 20 letters and digits'),
    company_name: z
      .string()
      .trim()
      .min(2, 'company name is missing')
      .max(200)
      .refine(...plainText('company name')),
    kvk_number: z
      .string()
      .trim()
      .regex(/^\d{8}$/, 'KvK number: 8 digits'),
    vestigingsnummer: z
      .string()
      .trim()
      .transform((v) => v || null)
      .pipe(
        z
          .string()
          .regex(/^\d{12}$/, 'vestigingsnummer: 12 digits')
          .nullable(),
      )
      .optional()
      .transform((v) => v ?? null),
    product_lines: z
      .string()
      .transform((v) =>
        v
          .split(/[|;,]/)
          .map((p) => p.trim())
          .filter(Boolean),
      )
      .pipe(
        z
          .array(z.enum(productLines, { error: `product lines: use ${productLines.join(', ')}` }))
          .min(1, 'product lines: at least one'),
      ),
    street: optionalText('street', 200),
    postal_code: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v.toUpperCase().replace(/^(\d{4})\s*([A-Z]{2})$/, '$1 $2') : null))
      .pipe(
        z
          .string()
          .regex(/^\d{4} [A-Z]{2}$/, 'postal code: four digits and two letters, e.g. 1234 AB')
          .nullable(),
      ),
    city: optionalText('city', 100),
  })
  // Letters with a code go to this address: all of it, or none.
  .refine((r) => [r.street, r.postal_code, r.city].every((v) => v === null) || [r.street, r.postal_code, r.city].every(Boolean), {
    message: 'address: give street, postal_code and city together, or none of them',
  });

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  rejected: { line: number; reasons: string[] }[];
  /**
   * Lines taken without an address. Such a company gets no letter: none with a code to prove a new
   * phone or a takeover, and none that tells it a first email login was set up with its policy number.
   */
  withoutAddress: number[];
}

/**
 * Loads customer records. Importing the same file twice changes nothing; a
 * rejected row is reported with its line and reasons and does not stop the rest.
 */
export async function importCustomers(
  deps: { store: Store; clock: Clock; random: Random },
  rows: { line: number; values: Record<string, string> }[],
): Promise<ImportReport> {
  const report: ImportReport = { created: 0, updated: 0, unchanged: 0, rejected: [], withoutAddress: [] };
  const seen = new Map<string, number>();
  for (const { line, values } of rows) {
    const parsed = customerRecord.safeParse(values);
    if (!parsed.success) {
      report.rejected.push({ line, reasons: parsed.error.issues.map((i) => i.message) });
      continue;
    }
    const record = parsed.data;
    const earlier = seen.get(record.policy_number);
    if (earlier) {
      report.rejected.push({ line, reasons: [`policy number also on line ${earlier}`] });
      continue;
    }
    seen.set(record.policy_number, line);
    // A column the file does not have keeps what is on record; an empty cell in one it has means
    // none. A file without the address columns would otherwise take from every company the only
    // place its letters can go, and one without the branch column the numbers that eHerkenning
    // logins for a branch are matched on (kept only for the same KvK number: a branch is its company's).
    const keepsAddress = !('street' in values);
    const keepsBranch = !('vestigingsnummer' in values);
    const onRecord = keepsAddress || keepsBranch ? await deps.store.findCustomerByPolicy(record.policy_number) : undefined;
    const address = keepsAddress ? addressOf(onRecord) : record;
    const branch = !keepsBranch
      ? record.vestigingsnummer
      : onRecord?.kvk_number === record.kvk_number
        ? onRecord.vestigingsnummer
        : null;
    const now = deps.clock.now();
    const outcome = await deps.store.upsertCustomer({
      id: deps.random.uuid(),
      policy_number: record.policy_number,
      company_name: record.company_name,
      kvk_number: record.kvk_number,
      vestigingsnummer: branch,
      product_lines: record.product_lines.join(','),
      street: address.street,
      postal_code: address.postal_code,
      city: address.city,
      created_at: now,
      updated_at: now,
    });
    report[outcome]++;
    if (address.street === null) report.withoutAddress.push(line);
  }
  return report;
}

const addressOf = (customer: Customer | undefined) => ({
  street: customer?.street ?? null,
  postal_code: customer?.postal_code ?? null,
  city: customer?.city ?? null,
});
