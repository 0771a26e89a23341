import { useEffect, useState } from 'preact/hooks';
import type { Lang } from '../i18n/lang.ts';
import { callApi } from './api.ts';
import { takeTokenFromUrl } from './token.ts';

export type MailedLink =
  | { kind: 'checking' }
  | { kind: 'open'; token: string }
  /** No token in the address, or one that no longer works: said at once, before any form. */
  | { kind: 'broken'; error: { code: string; message: string } };

/**
 * The token of a page opened from a mail: taken out of the address, and
 * checked without being used, so a used or expired link says so on opening.
 */
export function useMailedLink(
  lang: Lang,
  purpose: 'activate' | 'reset-password' | 'change-email' | 'cancel-request',
  noToken: string,
) {
  const [link, setLink] = useState<MailedLink>({ kind: 'checking' });
  useEffect(() => {
    const token = takeTokenFromUrl();
    if (!token) return setLink({ kind: 'broken', error: { code: 'noToken', message: noToken } });
    void callApi('POST', '/api/links/check', lang, { token, purpose }, { reads: true }).then((answer) =>
      setLink(
        answer.ok
          ? { kind: 'open', token }
          : { kind: 'broken', error: answer.data.error ?? { code: 'linkInvalid', message: noToken } },
      ),
    );
  }, []);
  return [link, setLink] as const;
}
