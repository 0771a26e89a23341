import { availableParallelism } from 'node:os';
import { hash, verify } from '@node-rs/argon2';
import pLimit from 'p-limit';
import type { PasswordHasher } from './deps.ts';

/**
 * argon2id at one of OWASP's minimum settings: 7 MiB, 5 iterations, 1 lane. The cheat sheet lists
 * it beside 19 MiB with 2 iterations as giving the same defence, trading memory for passes. Here
 * it is the cheaper one: measured on the benchmark machine, 7.2–7.5 against 10–12 ms a hash (19 MiB
 * did not stay in the caches), and a server under a burst of logins peaks 14 MiB lower.
 */
export const argon2Options = { algorithm: 2, memoryCost: 7_168, timeCost: 5, parallelism: 1 } as const;

/** How every hash made with today's settings starts: the settings are written into the hash. */
const currentSettings = `$argon2id$v=19$m=${argon2Options.memoryCost},t=${argon2Options.timeCost},p=${argon2Options.parallelism}$`;

/**
 * Each argon2id run holds its memory on a worker thread. More runs at once than there are cores
 * only add memory (libuv runs four) and make every login in the burst wait longer; the rest
 * queue here, in arrival order, at a few bytes each.
 */
const argon2Slot = pLimit(availableParallelism());

const check = (digest: string, password: string) => argon2Slot(() => verify(digest, password)).catch(() => false);

/**
 * The form a password is hashed and judged in: Unicode NFKC, so the same password typed on
 * another keyboard or phone (a composed é, full-width digits) still matches, and with any lone
 * surrogate (half an emoji, pasted) as U+FFFD, which is what the hash would make of it anyway.
 */
const hashedForm = (password: string) => password.toWellFormed().normalize('NFKC');

/** Hashes made before NFKC were of the password as typed: those still match. */
export const argon2Hasher: PasswordHasher = {
  hash: (password) => argon2Slot(() => hash(hashedForm(password), argon2Options)),
  verify: async (digest, password) => {
    const normal = hashedForm(password);
    return (await check(digest, normal)) || (normal !== password && (await check(digest, password)));
  },
  outdated: (digest) => !digest.startsWith(currentSettings),
};

export const passwordRules = { min: 8, recommended: 15, max: 128 } as const;

// The words a Dutch business customer of this portal is tempted to use, beside the list below.
const localCommon = [
  'wachtwoord',
  'wachtwoord1',
  'wachtwoord123',
  'welkom',
  'welkom01',
  'welkom123',
  'welkom2024',
  'welkom2025',
  'welkom2026',
  'verzekering',
  'zakelijk',
  'polis1234',
  'bedrijf123',
  'voorjaar2026',
  'najaar2026',
  'winter2026',
  'zomer2026',
  'geheim123',
  'inloggen',
  'inloggen1',
];

/**
 * ~49,000 passwords seen most often in breaches (zxcvbn-ts's list), loaded when the first
 * password is chosen rather than at start: the list and its Set hold about 4 MiB of heap and
 * 13 MiB of resident memory that logins and every other request never touch.
 */
let commonList: Promise<Set<string>> | undefined;
function commonPasswords(): Promise<Set<string>> {
  commonList ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) => new Set([...(dictionary['passwords-common'] as string[]), ...localCommon]),
    (error: unknown) => {
      // Refused (the password step answers with a fault), and tried again on the next password.
      commonList = undefined;
      throw error;
    },
  );
  return commonList;
}

export type PasswordProblem = 'tooShort' | 'tooLong' | 'common' | 'personal';

/**
 * NIST SP 800-63B-4: length and a blocklist, no composition rules. `context` are
 * words that make a password guessable here: the email address, the brand.
 */
export async function checkPassword(password: string, context: string[]): Promise<PasswordProblem | null> {
  // Judged as it is hashed: eight combining accents on four letters are four characters, and
  // eight different lone surrogates one character eight times.
  const hashed = hashedForm(password);
  const length = [...hashed].length;
  if (length < passwordRules.min) return 'tooShort';
  if (length > passwordRules.max) return 'tooLong';
  const normal = hashed.toLowerCase();
  const common = await commonPasswords();
  if (common.has(normal) || common.has(normal.replace(/[0-9!?.@#$%^&*_-]+$/, ''))) return 'common';
  if (/^(.)\1+$/u.test(normal) || '01234567890123456789'.includes(normal) || 'abcdefghijklmnopqrstuvwxyz'.includes(normal))
    return 'common';
  const personal = context.flatMap((c) => c.toLowerCase().split(/[^a-z0-9]+/)).filter((w) => w.length >= 4);
  if (personal.some((w) => normal.includes(w))) {
    const rest = personal.reduce((left, w) => left.replaceAll(w, ''), normal).replace(/[^\p{L}\p{N}]/gu, '');
    if (rest.length < 6) return 'personal';
  }
  return null;
}

/** Stands in for a real hash when an address has no account, so both take as long. */
let dummyHash: Promise<string> | undefined;
export function timingDummyHash(hasher: PasswordHasher): Promise<string> {
  dummyHash ??= hasher.hash('no account has this password, it only costs time');
  return dummyHash;
}
