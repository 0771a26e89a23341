import { useEffect, useState } from 'preact/hooks';
import type { Catalog } from '../../i18n/index.ts';
import { format } from '../../i18n/format.ts';
import { machines } from '../../wizards/index.ts';
import type { WizardId } from '../../wizards/ids.ts';
import { callApi } from '../api.ts';
import { Alert } from '../Alert.tsx';
import { WizardRunner, type WizardProps } from '../wizards/WizardRunner.tsx';
import { StaffGate } from './StaffGate.tsx';
import { when } from './useStaff.ts';

interface Props {
  t: Catalog['agent'];
  /** Each wizard's texts, ends and size, made on the server like the customer's page. */
  wizards: Record<WizardId, Omit<WizardProps, 'agent'>>;
  /** What each error code and diagnosis said to the customer, to show the agent. */
  reasons: Record<string, string>;
  /** A wizard page of the console (`/agent/hulp/<id>/`); else the help-code page. */
  wizard?: WizardId;
}

type Found = {
  code: string;
  createdAt: number;
  context: { kind: 'wizard'; wizard: WizardId; path: string } | { kind: 'error'; page: string; reason: string };
};

/**
 * The customer's wizard in the agent's view: the same machine at the same step,
 * with the line to say at each step; the agent can walk on from there.
 */
export default function AgentWizard({ t, wizards, reasons, wizard }: Props) {
  const [found, setFound] = useState<Found | null | 'loading' | 'unknown'>(wizard ? null : 'loading');
  useEffect(() => {
    if (wizard) return;
    const code = new URL(location.href).searchParams.get('c') ?? '';
    callApi<Found>('POST', '/api/agent/help-codes', 'nl', { code }).then((answer) => {
      if (!answer.ok) return setFound('unknown');
      setFound(answer.data);
      // The runner reads its place from the address, as on the customer's page.
      if (answer.data.context.kind === 'wizard') {
        const url = new URL(location.href);
        url.searchParams.set('s', answer.data.context.path);
        history.replaceState(null, '', url);
      }
    });
  }, []);

  return (
    <StaffGate t={t}>
      {() => {
        if (found === 'loading') return <p role="status">…</p>;
        if (found === 'unknown') return <Alert title={t.helpCodeTitle} message={t.helpCodeUnknown} />;
        const id = wizard ?? (found?.context.kind === 'wizard' ? found.context.wizard : undefined);
        return (
          <>
            {found && <p class="lead">{format(t.helpCodeFrom, { code: found.code, time: when(found.createdAt, '') })}</p>}
            {found?.context.kind === 'error' && (
              <p>
                {format(t.helpCodeError, {
                  page: (t.errorPages as Record<string, string>)[found.context.page] ?? found.context.page,
                  reason: reasons[found.context.reason] ?? found.context.reason,
                })}
              </p>
            )}
            {id && <WizardRunner {...wizards[id]} machine={machines[id]} live={{}} agent={{ outcomes: t.outcomes }} />}
          </>
        );
      }}
    </StaffGate>
  );
}
