import { useEffect, useState } from 'preact/hooks';
import type { Lang } from '../../i18n/lang.ts';
import { stamp } from '../../i18n/moments.ts';
import { callApi } from '../api.ts';

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
