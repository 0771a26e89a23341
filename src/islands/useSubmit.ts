import { useEffect, useState } from 'preact/hooks';
import type { ApiAnswer } from './api.ts';

/** Busy state and the last error of a form, with one guard against double submits. */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  /** Gone on to another page after a success: still busy until this one is left. */
  const [leaving, setLeaving] = useState(false);
  const [failure, setFailure] = useState<ApiAnswer['data'] | null>(null);
  useEffect(() => {
    // A page restored with Back was left half-way: its button is free again.
    const restored = (event: PageTransitionEvent) => event.persisted && setLeaving(false);
    addEventListener('pageshow', restored);
    return () => removeEventListener('pageshow', restored);
  }, []);
  async function run<T>(
    action: () => Promise<ApiAnswer<T>>,
    onSuccess: (answer: ApiAnswer<T>) => void,
    onFailure?: (answer: ApiAnswer<T>) => void,
  ) {
    if (busy || leaving) return;
    // The last error stays until the answer comes: taken away at once, everything below it would
    // move up, and the second click of a double click would land on whatever moved under it.
    setBusy(true);
    const answer = await action();
    setBusy(false);
    if (answer.ok) {
      setFailure(null);
      onSuccess(answer);
    } else {
      setFailure(answer.data);
      onFailure?.(answer);
    }
  }
  /**
   * After a success, to the next page. The button stays busy while that page loads: pressed
   * again, it would send once more what the server has already done (a spent code, a logout).
   */
  function leave(url: string) {
    setLeaving(true);
    location.assign(url);
  }
  return { busy: busy || leaving, failure, setFailure, run, leave };
}
