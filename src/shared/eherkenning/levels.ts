/** eHerkenning assurance levels, lowest first, as the eHerkenning URNs name them. */
export const levels = ['loa1', 'loa2', 'loa2plus', 'loa3', 'loa4'] as const;
export type Level = (typeof levels)[number];

export const LEVEL_PREFIX = 'urn:etoegang:core:assurance-class:';

/** The eIDAS names some brokers send instead. */
const eidas: Record<string, Level> = {
  'http://eidas.europa.eu/LoA/low': 'loa2',
  'http://eidas.europa.eu/LoA/substantial': 'loa3',
  'http://eidas.europa.eu/LoA/high': 'loa4',
};

/** The level in an `acr` claim, or null when it is not one we know. */
export function parseLevel(acr: unknown): Level | null {
  if (typeof acr !== 'string') return null;
  if (eidas[acr]) return eidas[acr];
  const short = acr.startsWith(LEVEL_PREFIX) ? acr.slice(LEVEL_PREFIX.length) : acr;
  return (levels as readonly string[]).includes(short) ? (short as Level) : null;
}

export function meetsLevel(level: Level, minimum: Level): boolean {
  return levels.indexOf(level) >= levels.indexOf(minimum);
}

/** How customers know the levels: EH1 … EH4. */
export function levelName(level: Level): string {
  return { loa1: 'EH1', loa2: 'EH2', loa2plus: 'EH2+', loa3: 'EH3', loa4: 'EH4' }[level];
}

export function levelUrn(level: Level): string {
  return `${LEVEL_PREFIX}${level}`;
}
