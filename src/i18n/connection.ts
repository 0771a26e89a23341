import type { Lang } from './lang.ts';

/**
 * What a page says when no answer of ours reached it. The browser's `callApi` shows these
 * itself, so they live apart from the catalogs (an island does not carry a whole catalog), and
 * each catalog's `api` texts take them in: the agent who opens the customer's help code reads
 * the same words.
 */
export const connectionFaults = {
  nl: {
    network: 'Er is geen verbinding. Controleer uw internet en probeer het opnieuw.',
    timeout: 'Er kwam geen antwoord op tijd. Probeer het opnieuw.',
    unavailable: 'Het portaal is even niet bereikbaar. Probeer het over een paar minuten opnieuw.',
  },
  en: {
    network: 'There is no connection. Please check your internet and try again.',
    timeout: 'No answer came in time. Please try again.',
    unavailable: 'The portal cannot be reached right now. Please try again in a few minutes.',
  },
} satisfies Record<Lang, Record<'network' | 'timeout' | 'unavailable', string>>;
