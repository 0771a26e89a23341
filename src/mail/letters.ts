import type { Customer } from '../store/types.ts';
import type { Letters } from './kinds.ts';
import { composeLetter } from './compose.ts';

/** Whether a letter can reach the company: the import gives a whole address or none. */
export const canPost = (customer: Customer | undefined): customer is Customer =>
  !!customer?.street && !!customer.postal_code && !!customer.city;

/** Letters go into the letters outbox in the caller's transaction; `npm run letters:export` hands them to the printer. */
export function createLetterQueue(options: { newId: () => string; now: () => number }): Letters {
  return {
    async queue(store, { customer, lang, kind, vars }) {
      const letter = composeLetter(kind, lang, vars);
      await store.enqueueLetter({
        id: options.newId(),
        customer_id: customer.id,
        kind,
        lang,
        recipient: customer.company_name,
        street: customer.street ?? '',
        postal_code: customer.postal_code ?? '',
        city: customer.city ?? '',
        subject: letter.subject,
        body: letter.body,
        status: 'pending',
        created_at: options.now(),
        exported_at: null,
      });
    },
  };
}
