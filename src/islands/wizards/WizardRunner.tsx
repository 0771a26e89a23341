import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AnyStateMachine } from 'xstate';
import { format } from '../../i18n/format.ts';
import type { WizardProps } from '../../site/wizard-props.ts';
import { answersOf, decodePath, pathAfter } from '../../wizards/path.ts';
import { stepMeta, type LiveStep } from '../../wizards/steps.ts';
import { callApi } from '../api.ts';
import { Feedback } from '../Feedback.tsx';
import { ErrorHelpCodeShown, HelpCode } from '../HelpCode.tsx';
import { ButtonLink } from '../ButtonLink.tsx';

interface RunnerProps extends WizardProps {
  machine: AnyStateMachine;
  /** The live flows this wizard embeds; each calls `done` with its outcome event. */
  live: Partial<Record<LiveStep, (done: (outcome: string) => void) => ComponentChildren>>;
}

function pathFromUrl(): string {
  return new URL(location.href).searchParams.get('s') ?? '';
}

/** The address of a place in the wizard, relative to the page: what a plain link or form goes to. */
const placeHref = (path: string) => (path ? `?s=${path}` : '?');

/**
 * Renders any wizard machine: the current question with its options as large
 * buttons, back and start again, a progress bar, and at the end what to do.
 * The place in the wizard is the URL (`?s=` one character per answer), so each
 * step has its own history entry and can be reloaded, bookmarked and shared.
 * The server renders the step the address names, and every option is a form
 * that asks for the next one: without JavaScript the wizard still works, and
 * with it the first click is answered before the script has even loaded.
 * The script then only makes it quicker (no reload, focus) and adds what needs
 * it: the live steps, the help code and "did this help?".
 */
export function WizardRunner(props: RunnerProps) {
  const { machine, t } = props;
  // A place the wizard does not have (an old link, a help code from before a change) starts it afresh.
  const fitting = (place: string) => (decodePath(machine, place) ? place : '');
  const [path, setPath] = useState(() => fitting(props.initialPath ?? pathFromUrl()));
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  /** Errors inside a live step that offer their own help code: the step's own then gives way. */
  const [errorHelpCodes, setErrorHelpCodes] = useState(0);
  const reportErrorHelpCode = useCallback((shown: boolean) => setErrorHelpCodes((n) => n + (shown ? 1 : -1)), []);
  const snapshot = useMemo(() => decodePath(machine, path)!, [machine, path]);
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  // The place now, for outcomes that arrive late: a live flow answered after the customer moved on must not move them back.
  const current = useRef(path);
  current.current = path;

  useEffect(() => {
    const onPop = () => setPath(fitting(pathFromUrl()));
    addEventListener('popstate', onPop);
    // The first render shows the step the server rendered, but the address may have moved on
    // before this script ran (back or forward right after a reload): the address wins. An address
    // that does not fit the wizard starts it afresh.
    const now = pathFromUrl();
    if (!decodePath(machine, now)) replaceUrl('');
    else if (now !== path) setPath(now);
    return () => removeEventListener('popstate', onPop);
  }, []);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [path]);
  // Each end a customer reaches is counted, for the report of what they could not solve alone.
  const ended = snapshot.status === 'done' ? String(snapshot.value) : null;
  useEffect(() => {
    if (ended && props.customer) void callApi('POST', '/api/wizard-ends', props.lang, { wizard: props.wizard, end: ended });
  }, [ended]);

  function replaceUrl(next: string) {
    const url = new URL(location.href);
    if (next) url.searchParams.set('s', next);
    else url.searchParams.delete('s');
    history.replaceState(null, '', url);
    setPath(next);
  }
  function go(next: string) {
    const url = new URL(location.href);
    if (next) url.searchParams.set('s', next);
    else url.searchParams.delete('s');
    history.pushState(null, '', url);
    setPath(next);
  }
  const answer = (event: string) => go(pathAfter(machine, path, event));
  const answerIfStillHere = (at: string) => (event: string) => {
    if (current.current === at) answer(event);
  };

  const state = String(snapshot.value);
  const step = stepMeta(snapshot);
  const words = t.steps[state]!;
  const n = path.length + 1;
  const done = step.kind === 'end';
  const paragraphs = words.text.split('\n\n').filter(Boolean);

  return (
    <div class="wizard" data-state={state}>
      <p class="wizard__progress">
        <span>{format(t.common.stepOf, { n })}</span>
        <progress
          max={props.maxSteps}
          value={done ? props.maxSteps : Math.min(n, props.maxSteps - 1)}
          aria-label={t.common.progress}
        />
      </p>
      <div aria-live="polite" class="visually-hidden">
        {format(t.common.stepOf, { n })}: {words.title}
      </div>
      <h2 ref={heading} tabIndex={-1} class="wizard__title">
        {words.title}
      </h2>
      {paragraphs.map((p) => (
        <p>{p}</p>
      ))}
      {props.agent && (
        <p class="wizard__agent">
          <strong>{t.common.agentSays}</strong> {words.agent}
        </p>
      )}
      {props.agent && path.length > 0 && (
        <details class="wizard__answers" open>
          <summary>{props.agent.answersSoFar}</summary>
          <ol>
            {answersOf(machine, path).map(({ step, option }) => (
              <li>
                {t.steps[step]!.title}{' '}
                <strong>{t.steps[step]!.options[option] || props.agent!.outcomes[option] || option}</strong>
              </li>
            ))}
          </ol>
        </details>
      )}

      {(step.kind === 'question' || step.kind === 'info') && (
        <ul class="wizard__options" role="list">
          {step.options.map((option) => (
            <li>
              <form
                method="get"
                onSubmit={(e) => {
                  e.preventDefault();
                  answer(option);
                }}
              >
                <input type="hidden" name="s" value={pathAfter(machine, path, option)} />
                <button type="submit" class={step.kind === 'info' ? 'button' : 'wizard__option'}>
                  {words.options[option]}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}

      {step.kind === 'live' && props.agent && (
        <ul class="wizard__options" role="list">
          {step.options.map((option) => (
            <li>
              <button type="button" class="wizard__option" onClick={() => answer(option)}>
                {props.agent!.outcomes[option] ?? option}
              </button>
            </li>
          ))}
        </ul>
      )}

      {/* Only once the script runs: without it the fields could not be sent, and the page's
          notice below gives the article's answer instead. */}
      {step.kind === 'live' && !props.agent && hydrated && (
        <div class="wizard__live">
          <p class="muted">{t.common.liveIntro}</p>
          <ErrorHelpCodeShown.Provider value={reportErrorHelpCode}>
            {props.live[step.live]?.(answerIfStillHere(path))}
          </ErrorHelpCodeShown.Provider>
        </div>
      )}

      {done && (
        <div class="wizard__end">
          {'contact' in step.action ? (
            <ContactBox t={t.common} contactUrl={props.contactUrl} />
          ) : (
            <ButtonLink href={props.ends[state]!}>{words.action}</ButtonLink>
          )}
        </div>
      )}

      {done && props.customer && hydrated && (
        <Feedback lang={props.lang} t={props.customer.feedback} flow={props.flow.t} page={`wizard:${props.wizard}:${state}`} />
      )}

      <p class="wizard__nav">
        {path.length > 0 && (
          <a
            class="button button--secondary"
            href={placeHref(path.slice(0, -1))}
            onClick={(e) => {
              e.preventDefault();
              history.back();
            }}
          >
            {t.common.back}
          </a>
        )}
        {path.length > 0 && (
          <a
            class="button button--secondary"
            href={placeHref('')}
            onClick={(e) => {
              e.preventDefault();
              go('');
            }}
          >
            {t.common.restart}
          </a>
        )}
      </p>
      {/* Last, so that the code taking the button's place moves nothing the customer is reading. */}
      {props.customer && hydrated && errorHelpCodes === 0 && (
        <HelpCode lang={props.lang} t={props.flow.t} context={{ kind: 'wizard', wizard: props.wizard, path }} />
      )}
    </div>
  );
}

function ContactBox({ t, contactUrl }: { t: WizardProps['t']['common']; contactUrl: string }) {
  return (
    <section class="box" aria-labelledby="wizard-contact">
      <h3 id="wizard-contact">{t.contactTitle}</h3>
      <p>{t.contactText}</p>
      <p>
        <a href={contactUrl}>{t.contactForm}</a>
      </p>
    </section>
  );
}
