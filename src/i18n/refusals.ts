import { texts } from './index.ts';

const nl = texts('nl');
const keys = <T extends object>(o: T) => Object.keys(o) as (keyof T & string)[];

/**
 * Where a customer can meet a refusal, as a help code names it: the pages the console has a name for.
 * A help code's context comes from the customer's browser, so only these are taken.
 */
export const refusalPages = keys(nl.agent.errorPages) as [keyof typeof nl.agent.errorPages & string, ...string[]];

/** Every code a refusal a customer reads can carry: the API's, eHerkenning's, and a refused code's diagnosis. */
export const refusalReasons = [...new Set([...keys(nl.api), ...keys(nl.eherkenning.errors), ...keys(nl.agent.diagnoses)])] as [
  string,
  ...string[],
];
