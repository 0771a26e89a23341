import { useEffect, useState } from 'preact/hooks';

/** After this long a wait is said to be slow, and the customer is asked to keep the page open. */
export const SLOW_MS = 10_000;

/** Whether what the page waits for has taken longer than SLOW_MS; false again once it is over. */
export function useSlow(waiting: boolean): boolean {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(() => setSlow(true), SLOW_MS);
    return () => {
      clearTimeout(timer);
      setSlow(false);
    };
  }, [waiting]);
  return slow;
}
