import { useState } from 'preact/hooks';
import type { ApiAnswer } from './api.ts';

/** Busy state and the last error of a form, with one guard against double submits. */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiAnswer['data'] | null>(null);
  async function run<T>(
    action: () => Promise<ApiAnswer<T>>,
    onSuccess: (answer: ApiAnswer<T>) => void,
    onFailure?: (answer: ApiAnswer<T>) => void,
  ) {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    const answer = await action();
    setBusy(false);
    if (answer.ok) onSuccess(answer);
    else {
      setFailure(answer.data);
      onFailure?.(answer);
    }
  }
  return { busy, failure, setFailure, run };
}
