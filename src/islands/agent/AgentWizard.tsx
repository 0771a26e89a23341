import { useEffect, useState } from 'preact/hooks';
import type { Catalog } from '../../i18n/index.ts';
import type { Lang } from '../../i18n/lang.ts';
import { format } from '../../i18n/format.ts';
import { machines } from '../../wizards/index.ts';
import type { WizardId } from '../../wizards/ids.ts';
import { callApi } from '../api.ts';
import type { HelpCodeAnswer } from '../../shared/api/schemas-agent.ts';
import { Alert } from '../Alert.tsx';
import type { WizardProps } from '../../site/wizard-props.ts';
import { WizardRunner } from '../wizards/WizardRunner.tsx';
import { StaffGate } from './StaffGate.tsx';
import { ASKED_CODE_KEY, HelpCodeForm } from './HelpCodeForm.tsx';
import { firstProblem, when, type Sending } from './useStaff.ts';
import { staffWizardPath } from '../../config/flow-paths.ts';

interface Props {
  lang: Lang;
  t: Catalog['agent'];
  sending: Sending;
  /** Each wizard's texts, ends and size per language, made on the server like the customer's page. */
  wizards: Record<Lang, Record<WizardId, Omit<WizardProps, 'agent'>>>;
  /** What each error code and diagnosis said to the customer, per language. */
  reasons: Record<Lang, Record<string, string>>;
  /** The wizard that helps after each eHerkenning refusal, where there is one. */
  errorWizards: Record<string, { id: WizardId; title: string }>;
  /** A wizard page of the console (`/agent/hulp/<id>/`); else the help-code page. */
  wizard?: WizardId;
}

type Found = HelpCodeAnswer;

/**
 * The customer's wizard in the agent's view: the same machine at the same step,
 * in the customer's language, with the line to say at each step; the agent can walk on from there.
 */
export default function AgentWizard({ lang, t, sending, wizards, reasons, errorWizards, wizard }: Props) {
  const [found, setFound] = useState<Found | null | 'loading' | 'unknown' | 'fromLink' | 'none' | { failed: string }>(
    wizard ? null : 'loading',
  );
  useEffect(() => {
    if (wizard) return;
    const code = new URL(location.href).searchParams.get('c') ?? '';
    // The page's address without a code: the field, to type one.
    if (!code) return setFound('none');
    // Opening a code is audited in the agent's name, so only a code the agent asked for in this tab
    // with the console's form opens by itself (again after a reload or a change of language): one
    // in a link from elsewhere (a mail, another site) waits in the form for the agent's click.
    if (sessionStorage.getItem(ASKED_CODE_KEY) !== code) return setFound('fromLink');
    // A read, given up on like one: only a 404 means the code is unknown, anything else is a fault said as such.
    callApi<Found>('POST', '/api/agent/help-codes', lang, { code }, { reads: true }).then((answer) => {
      if (!answer.ok) return setFound(answer.status === 404 ? 'unknown' : { failed: firstProblem(answer.data) });
      setFound(answer.data);
      // The runner reads its place from the address, as on the customer's page. One there already
      // is the agent's own, walked on with the customer before a reload: it stays.
      const url = new URL(location.href);
      if (answer.data.context.kind === 'wizard' && !url.searchParams.has('s')) {
        url.searchParams.set('s', answer.data.context.path);
        history.replaceState(null, '', url);
      }
    });
  }, []);

  return (
    <StaffGate lang={lang} t={t} sending={sending}>
      {() => {
        if (found === 'loading') return <p role="status">…</p>;
        // A code misheard or mistyped, one from a link, or none: the field is here, with it, to try again or to open.
        if (found === 'unknown' || found === 'fromLink' || found === 'none')
          return (
            <>
              {found === 'unknown' && <Alert title={t.helpCodeTitle} message={t.helpCodeUnknown} />}
              {found === 'fromLink' && <p>{t.helpCodeFromLink}</p>}
              <HelpCodeForm lang={lang} t={t} typed={new URL(location.href).searchParams.get('c') ?? ''} />
            </>
          );
        if (found && 'failed' in found) return <Alert title={t.unavailableTitle} message={found.failed} />;
        const context = found?.context;
        const customerLang = context?.lang ?? lang;
        const id = wizard ?? (context?.kind === 'wizard' ? context.wizard : undefined);
        const helping =
          context?.kind === 'error' && Object.hasOwn(errorWizards, context.reason) ? errorWizards[context.reason] : undefined;
        return (
          <>
            {found && <p class="lead">{format(t.helpCodeFrom, { code: found.code, time: when(found.createdAt, '', lang) })}</p>}
            {context && context.lang !== lang && <p>{format(t.customerLanguage, { language: t.languages[context.lang] })}</p>}
            {context?.kind === 'error' && (
              <>
                <p>
                  {format(t.helpCodeError, {
                    page: Object.hasOwn(t.errorPages, context.page)
                      ? (t.errorPages as Record<string, string>)[context.page]!
                      : context.page,
                    reason: whatTheCustomerRead(reasons[customerLang], context.reason, context.level),
                  })}
                </p>
                {helping && (
                  <p>
                    <a href={staffWizardPath(lang, helping.id)}>{format(t.openWizard, { title: helping.title })}</a>
                  </p>
                )}
              </>
            )}
            {id && (
              <WizardRunner
                {...wizards[customerLang][id]}
                // The steps in the customer's language, to read out; the console's own words in the agent's.
                t={{ ...wizards[customerLang][id].t, common: wizards[lang][id].t.common }}
                machine={machines[id]}
                live={{}}
                agent={{ outcomes: t.outcomes, answersSoFar: t.answersSoFar }}
              />
            )}
          </>
        );
      }}
    </StaffGate>
  );
}

/**
 * The message the customer saw, by its code. The code comes from the customer's browser, so it is
 * looked up only among the catalog's own keys; the level fills its place, and a value the console
 * cannot know (a time, a number of minutes) shows as "…" rather than stopping the page.
 */
function whatTheCustomerRead(reasons: Record<string, string>, reason: string, level: string | undefined): string {
  if (!Object.hasOwn(reasons, reason)) return reason;
  return reasons[reason]!.replaceAll('{level}', level ?? '?').replace(/\{\w+\}/g, '…');
}
