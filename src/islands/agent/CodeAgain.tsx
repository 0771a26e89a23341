import { useEffect, useState } from 'preact/hooks';
import type { Catalog } from '../../i18n/index.ts';
import type { ApiAnswer } from '../api.ts';
import { Field } from '../Field.tsx';

/**
 * An action that gives or takes away access asks for the app's code again once the last one given
 * is over 10 minutes old (a 403 `confirmWithCode`): from then on its form has the code field, and
 * sends what is typed there with the action. A code that passes renews the session, so the field goes.
 */
export function useCodeAgain() {
  const [asked, setAsked] = useState(false);
  return {
    asked,
    /** Sends the action, with the code when one is asked for; its answer says whether the next try needs the field. */
    send: async <T,>(call: (body: object) => Promise<ApiAnswer<T>>, body: object, code: string | undefined) => {
      const answer = await call(asked && code ? { ...body, code } : body);
      setAsked(answer.data.error?.code === 'confirmWithCode' || (asked && !answer.ok));
      return answer;
    },
  };
}

/** The code field of such a form; it takes the focus when it appears, where the message says why. */
export function CodeAgainField({ id, t }: { id: string; t: Catalog['agent'] }) {
  useEffect(() => document.getElementById(id)?.focus(), []);
  return (
    <Field
      id={id}
      name="code"
      label={t.codeAgainLabel}
      hint={t.codeAgainHint}
      autoComplete="one-time-code"
      inputMode="numeric"
      maxLength={7}
    />
  );
}

/** What such a form read from its code field: nothing while none is asked for. */
export const codeOf = (form: HTMLFormElement): string | undefined => {
  const code = new FormData(form).get('code');
  return typeof code === 'string' ? code : undefined;
};
