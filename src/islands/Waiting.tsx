import type { FlowTexts } from '../site/flow-texts.ts';
import { useSlow } from './useSlow.ts';

/** What a page shows while its first answer is on the way, and, when that takes long, that it does. */
export function Waiting({ texts }: { texts: Pick<FlowTexts, 'busy' | 'slow'> }) {
  const slow = useSlow(true);
  return <p role="status">{slow ? `${texts.busy} ${texts.slow}` : texts.busy}</p>;
}
