import { useEffect, useState } from 'preact/hooks';
import type { Lang } from '../../i18n/lang.ts';
import { stamp } from '../../i18n/moments.ts';
import type { FlowTexts } from '../../site/flow-texts.ts';
import { callApi, type ApiAnswer } from '../api.ts';

export interface Staff {
  email: string;
  role: 'agent' | 'supervisor';
  /** The console language this agent chose. */
  lang: Lang;
}

/** Who is logged in on the call-center side: loading, nobody or not staff (null), the agent, or a read that failed. */
export type StaffState = Staff | null | 'loading' | { failed: string };

export const isStaff = (state: StaffState): state is Staff => typeof state === 'object' && state !== null && 'role' in state;

export function useStaff(lang: Lang): StaffState {
  const [staff, setStaff] = useState<StaffState>('loading');
  useEffect(() => {
    // Only 401 and 403 mean "not logged in as staff"; anything else is a fault, said as such.
    callApi<Staff>('GET', '/api/agent/me', lang).then((answer) =>
      setStaff(
        answer.ok ? answer.data : answer.status === 401 || answer.status === 403 ? null : { failed: answer.data.error!.message },
      ),
    );
  }, []);
  return staff;
}

/** Today and a week ago, as YYYY-MM-DD, for the date pickers. */
export function lastWeek(): { from: string; to: string } {
  const to = new Date();
  const from = new Date(to.getTime() - 7 * 86_400_000);
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}

export function when(ms: number | null | undefined, fallback: string, lang: Lang): string {
  return ms ? stamp(ms, lang) : fallback;
}

/** The busy label and the slow line of every console button that sends: the customer pages' own words. */
export type Sending = Pick<FlowTexts, 'busy' | 'slow'>;

/** What a refused call says to staff: the first field's problem, else the message. */
export function firstProblem(data: ApiAnswer['data'] | null): string {
  const error = data?.error;
  return (error?.fields ? Object.values(error.fields)[0] : error?.message) ?? '';
}
