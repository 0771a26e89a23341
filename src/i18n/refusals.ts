import { texts } from './index.ts';

const nl = texts('nl');
const keys = <T extends object>(o: T) => Object.keys(o) as (keyof T & string)[];

/**
 * Where a customer can meet a refusal, as a help code names it: the pages the console has a name for.
 * A help code's context comes from the customer's browser, so only these are taken.
 */
export const refusalPages = keys(nl.agent.errorPages) as [keyof typeof nl.agent.errorPages & string, ...string[]];

/**
 * Codes the pages give refusals of their own, with no answer of the API behind them: a mailed link
 * opened without its code, an eHerkenning proof that came back refused, an answer the page could
 * not read. A test holds this list to the codes the islands write.
 */
export const pageRefusals = ['noToken', 'eherkenningProof', 'unknown'] as const;

/** Every code a refusal a customer reads can carry: the API's, eHerkenning's, a refused code's diagnosis, the pages' own. */
export const refusalReasons = [
  ...new Set([...keys(nl.api), ...keys(nl.eherkenning.errors), ...keys(nl.agent.diagnoses), ...pageRefusals]),
] as [string, ...string[]];
