import { useState } from 'preact/hooks';
import type { Catalog } from '../../i18n/index.ts';
import type { Lang } from '../../i18n/lang.ts';
import type { AccountStateAnswer, RequestStateAnswer } from '../../shared/api/schemas-agent.ts';
import { format } from '../../i18n/format.ts';
import { callApi } from '../api.ts';
import { Alert } from '../Alert.tsx';
import { SendButton } from '../SendButton.tsx';
import { useSubmit } from '../useSubmit.ts';
import { ConfirmWithReason } from './ConfirmWithReason.tsx';
import { CodeAgainField, codeOf, useCodeAgain } from './CodeAgain.tsx';
import { StaffGate } from './StaffGate.tsx';
import { firstProblem, when, type Sending } from './useStaff.ts';

interface Props {
  lang: Lang;
  t: Catalog['agent'];
  sending: Sending;
}

type Action = 'resend-activation' | 'lift-lock' | 'end-sessions';
const actionText = { 'resend-activation': 'resendActivation', 'lift-lock': 'liftLock', 'end-sessions': 'endSessions' } as const;

/** Login state by email address, policy number or KvK number; every lookup and action needs a reason. */
export default function AgentLookup({ lang, t, sending }: Props) {
  const diagnosis = t.diagnoses as Record<string, string>;
  const [reason, setReason] = useState('');
  const [accounts, setAccounts] = useState<AccountStateAnswer[] | null>(null);
  const [query, setQuery] = useState('');
  const lookup = useSubmit();

  const search = (q: string, why: string) =>
    lookup.run(
      () => callApi<{ accounts: AccountStateAnswer[] }>('POST', '/api/agent/lookup', lang, { q, reason: why }, { reads: true }),
      (answer) => setAccounts(answer.data.accounts),
      // Not the last search's accounts under a failed new one, where staff could act on the wrong one.
      () => setAccounts(null),
    );
  const problem = firstProblem(lookup.failure);

  return (
    <StaffGate lang={lang} t={t} sending={sending}>
      {(staff) => (
        <>
          <form
            class="form"
            onSubmit={(e) => {
              e.preventDefault();
              const data = new FormData(e.currentTarget);
              const q = String(data.get('q') ?? '');
              const why = String(data.get('reason') ?? '');
              setQuery(q);
              setReason(why);
              void search(q, why);
            }}
          >
            <div class="field">
              <label for="lookup-q">{t.lookupLabel}</label>
              <input id="lookup-q" name="q" required minLength={3} maxLength={254} autoComplete="off" spellcheck={false} />
            </div>
            <div class="field">
              <label for="lookup-reason">{t.reasonLabel}</label>
              <input id="lookup-reason" name="reason" required minLength={3} maxLength={500} />
            </div>
            <SendButton label={t.lookupSubmit} busy={lookup.busy} texts={sending} />
          </form>
          {problem && <Alert title={t.lookupTitle} message={problem} />}
          {accounts?.length === 0 && <p role="status">{t.noResults}</p>}
          {accounts?.map((account) => (
            <AccountCard
              key={account.id}
              lang={lang}
              t={t}
              sending={sending}
              diagnosis={diagnosis}
              account={account}
              supervisor={staff.role === 'supervisor'}
              onDone={() => void search(query, reason)}
            />
          ))}
        </>
      )}
    </StaffGate>
  );
}

/** The actions that fit the account as it is now. */
function actionsFor(account: AccountStateAnswer): Action[] {
  if (account.kind !== 'email') return [];
  return [
    ...(account.status === 'unverified' ? (['resend-activation'] as const) : []),
    ...(account.lockedUntil ? (['lift-lock'] as const) : []),
    ...(account.status === 'active' || account.status === 'verified' ? (['end-sessions'] as const) : []),
  ];
}

interface CardProps {
  lang: Lang;
  t: Catalog['agent'];
  sending: Sending;
  onDone: () => void;
}

function AccountCard({
  lang,
  t,
  sending,
  diagnosis,
  account,
  supervisor,
  onDone,
}: CardProps & { diagnosis: Record<string, string>; account: AccountStateAnswer; supervisor: boolean }) {
  const [confirming, setConfirming] = useState<Action | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const acting = useSubmit();
  const codeAgain = useCodeAgain();
  const f = t.fields;
  // Each action has a reason of its own in the audit log, typed when it is confirmed. Sent once
  // however often it is pressed: a second lift would answer "not applicable" over the first's "done".
  const act = (action: Action, reason: string, code: string | undefined) =>
    acting.run(
      () =>
        codeAgain.send((body) => callApi('POST', `/api/agent/accounts/${account.id}/${action}`, lang, body), { reason }, code),
      () => {
        setConfirming(null);
        setMessage(t.actions.done);
        onDone();
      },
      (answer) => {
        // A fault keeps the form and its reason, to try again; an action that no longer fits closes it.
        if (answer.status === 409) setConfirming(null);
        setMessage(answer.status === 409 ? t.actions.notApplicable : firstProblem(answer.data));
      },
    );
  const heading = account.email ?? `eHerkenning: ${account.eherkenning?.pseudonym}`;
  return (
    <article class="card account" aria-label={heading}>
      <h2>{heading}</h2>
      <dl class="facts">
        <dt>{f.status}</dt>
        <dd>{t.statuses[account.status]}</dd>
        <dt>{f.company}</dt>
        <dd>{account.company ?? f.none}</dd>
        <dt>{f.policy}</dt>
        <dd>{account.policyNumber ?? f.none}</dd>
        {account.letterAddress !== null && (
          <>
            <dt>{f.letterAddress}</dt>
            <dd>{account.letterAddress ? f.letterAddressKnown : f.letterAddressMissing}</dd>
          </>
        )}
        <dt>{f.activated}</dt>
        <dd>{when(account.activatedAt, f.never, lang)}</dd>
        <dt>{f.bound}</dt>
        <dd>{when(account.authenticatorBoundAt, f.never, lang)}</dd>
        <dt>{f.locked}</dt>
        <dd>{account.lockedUntilReset ? f.lockedUntilReset : when(account.lockedUntil, f.none, lang)}</dd>
        <dt>{f.failures}</dt>
        <dd>{account.failuresInARow}</dd>
        <dt>{f.appCodes}</dt>
        <dd>{account.appCodes.locked ? f.appCodesLocked : account.appCodes.inARow}</dd>
        <dt>{f.appCodesOwn}</dt>
        <dd>{account.appCodes.own.locked ? f.appCodesLocked : account.appCodes.own.inARow}</dd>
        {account.eherkenning && (
          <>
            <dt>{f.pseudonym}</dt>
            <dd>{account.eherkenning.pseudonym}</dd>
            <dt>{f.level}</dt>
            <dd>{account.eherkenning.level ?? f.none}</dd>
          </>
        )}
        <dt>{f.openLinks}</dt>
        <dd>
          {account.openLinks.length
            ? account.openLinks
                .map((l) => `${t.links[l.kind as keyof typeof t.links] ?? l.kind} (${when(l.expiresAt, '', lang)})`)
                .join(', ')
            : f.none}
        </dd>
      </dl>
      <h3>{f.events}</h3>
      <ul>
        {account.events.length ? (
          account.events.map((e) => <li>{`${when(e.at, '', lang)}: ${t.events[e.kind as keyof typeof t.events] ?? e.kind}`}</li>)
        ) : (
          <li>{f.none}</li>
        )}
      </ul>
      <h3>{f.attempts}</h3>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t.auditColumns.at}</th>
            <th scope="col">{t.auditColumns.action}</th>
            <th scope="col">{f.status}</th>
          </tr>
        </thead>
        <tbody>
          {account.attempts.map((a) => (
            <tr>
              <td>{when(a.at, '', lang)}</td>
              <td>{`${t.attempts.methods[a.method as 'password'] ?? a.method}: ${t.attempts.steps[a.step as 'code'] ?? a.step}`}</td>
              <td>{a.outcome === 'success' ? t.attempts.success : describe(t, a, diagnosis)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {account.requests.length > 0 && (
        <>
          <h3>{t.requests.title}</h3>
          {account.requests.map((request) => (
            <RequestCard
              key={request.id}
              lang={lang}
              t={t}
              sending={sending}
              request={request}
              supervisor={supervisor}
              onDone={onDone}
            />
          ))}
        </>
      )}
      {account.mayStartTakeover && (
        <StartTakeover
          lang={lang}
          t={t}
          sending={sending}
          account={account}
          onDone={onDone}
          // Said by the card, which stays when the refreshed account no longer offers this form.
          onStarted={() => setMessage(t.takeover.started)}
        />
      )}
      {message && <p role="status">{message}</p>}
      {actionsFor(account).length > 0 && (
        <div class="console__actions">
          {actionsFor(account).map((action) =>
            confirming === action ? (
              <ConfirmWithReason
                id={`reason-${account.id}-${action}`}
                label={t.actions[actionText[action]]}
                intro={format(t.actions.confirm, { action: t.actions[actionText[action]] })}
                reasonLabel={t.reasonLabel}
                cancelLabel={t.actions.cancel}
                busy={acting.busy}
                sending={sending}
                codeAgain={codeAgain.asked ? t : undefined}
                onConfirm={(reason, code) => void act(action, reason, code)}
                onCancel={() => setConfirming(null)}
              />
            ) : (
              <button type="button" class="button button--secondary" onClick={() => setConfirming(action)}>
                {t.actions[actionText[action]]}
              </button>
            ),
          )}
        </div>
      )}
    </article>
  );
}

/**
 * For a caller whose requests the current login keeps stopping: the takeover opens with this
 * agent's check as its first approval, which the current login cannot stop.
 */
function StartTakeover({
  lang,
  t,
  sending,
  account,
  onDone,
  onStarted,
}: CardProps & { account: AccountStateAnswer; onStarted: () => void }) {
  const [message, setMessage] = useState<string | null>(null);
  const starting = useSubmit();
  const codeAgain = useCodeAgain();
  const k = t.takeover;
  const start = (check: string, code: string | undefined) =>
    starting.run(
      () =>
        codeAgain.send(
          (body) => callApi('POST', '/api/agent/takeovers', lang, body),
          { accountId: account.id, reason: check },
          code,
        ),
      () => {
        onStarted();
        onDone();
      },
      (answer) => setMessage(answer.status === 409 ? t.actions.notApplicable : firstProblem(answer.data)),
    );
  return (
    <section class="box" aria-labelledby={`takeover-${account.id}`}>
      <h3 id={`takeover-${account.id}`}>{k.title}</h3>
      {message && <p role="status">{message}</p>}
      <CheckForm
        id={`takeover-check-${account.id}`}
        intro={k.intro}
        label={k.checkLabel}
        submit={k.start}
        busy={starting.busy}
        sending={sending}
        codeAgain={codeAgain.asked ? t : undefined}
        onCheck={(check, code) => void start(check, code)}
      />
    </section>
  );
}

function RequestCard({
  lang,
  t,
  sending,
  request,
  supervisor,
  onDone,
}: CardProps & { request: RequestStateAnswer; supervisor: boolean }) {
  const [message, setMessage] = useState<string | null>(null);
  const [confirmingStop, setConfirmingStop] = useState(false);
  const approving = useSubmit();
  const codeAgain = useCodeAgain();
  const stopping = useSubmit();
  const stopCode = useCodeAgain();
  const r = t.requests;
  const approvable = request.status === 'open' && request.side === 'asker';
  // Staff stop takeovers only, and only while they wait for their proof: a new phone is the account's
  // own, and links nothing without a third proof; a proven takeover is final (src/auth/recovery/cancel.ts).
  const stoppable = request.kind === 'replace' && request.status === 'open';
  // One vouched for by staff is a supervisor's to stop: an agent gets no button the server refuses.
  const vouched = stoppable && request.approvals.length > 0;
  const mayStop = stoppable && (!vouched || supervisor);
  const final = request.kind === 'replace' && request.status === 'proven';
  // Once however often it is pressed: a second press by the same person is refused, and that
  // refusal would stand where the approval just said it was done.
  const approve = (check: string, code: string | undefined) =>
    approving.run(
      () =>
        codeAgain.send(
          (body) => callApi<{ status: 'approved' | 'proven' }>('POST', `/api/agent/requests/${request.id}/approve`, lang, body),
          { reason: check },
          code,
        ),
      (answer) => {
        setMessage(answer.data.status === 'proven' ? r.approvedProven : r.approvedFirst);
        onDone();
      },
      (answer) => setMessage(firstProblem(answer.data)),
    );
  // For a holder on the phone who no longer has the mailed stop link: the same stop, with a reason.
  const stop = (reason: string, code: string | undefined) =>
    stopping.run(
      () => stopCode.send((body) => callApi('POST', `/api/agent/requests/${request.id}/stop`, lang, body), { reason }, code),
      () => {
        setConfirmingStop(false);
        setMessage(r.stopped);
        onDone();
      },
      (answer) => setMessage(firstProblem(answer.data)),
    );
  return (
    <section class="box" aria-label={`${r.kinds[request.kind]}: ${r.statuses[request.status]}`}>
      <p>
        <strong>{r.kinds[request.kind]}</strong> ({r.sides[request.side]}): {r.statuses[request.status]}
      </p>
      <p>{format(r.created, { at: when(request.createdAt, '', lang), until: when(request.expiresAt, '', lang) })}</p>
      {request.proof && <p>{format(r.proof, { proof: r.proofs[request.proof] })}</p>}
      {request.provenBy && (
        <p>{format(r.provenBy, { ...request.provenBy, branchNumber: request.provenBy.branchNumber ?? '—' })}</p>
      )}
      {request.letterSentAt && <p>{format(r.letter, { at: when(request.letterSentAt, '', lang) })}</p>}
      {request.approvals.map((a) => (
        <p>
          {format(r.approval, { by: a.by, at: when(a.at, '', lang) })} {a.check && format(r.check, { check: a.check })}
        </p>
      ))}
      {final && <p>{r.provenFinal}</p>}
      {vouched && <p>{r.vouchedNote}</p>}
      {message && <p role="status">{message}</p>}
      {approvable && (
        <CheckForm
          id={`check-${request.id}`}
          intro={r.approveIntro}
          label={r.checkLabel}
          submit={r.approve}
          busy={approving.busy}
          sending={sending}
          codeAgain={codeAgain.asked ? t : undefined}
          onCheck={(check, code) => void approve(check, code)}
        />
      )}
      {mayStop &&
        (confirmingStop ? (
          <ConfirmWithReason
            id={`stop-${request.id}`}
            label={r.stop}
            intro={r.stopIntro}
            reasonLabel={r.stopLabel}
            cancelLabel={t.actions.cancel}
            busy={stopping.busy}
            sending={sending}
            codeAgain={stopCode.asked ? t : undefined}
            onConfirm={(reason, code) => void stop(reason, code)}
            onCancel={() => setConfirmingStop(false)}
          />
        ) : (
          <p>
            <button type="button" class="button button--secondary" onClick={() => setConfirmingStop(true)}>
              {r.stop}
            </button>
          </p>
        ))}
    </section>
  );
}

/** What staff checked before they vouch for a caller, for the audit log, and the button that vouches. */
function CheckForm(props: {
  id: string;
  intro: string;
  label: string;
  submit: string;
  busy: boolean;
  sending: Sending;
  /** The console's texts, when the action asks for the app's code again (useCodeAgain). */
  codeAgain?: Catalog['agent'] | undefined;
  onCheck: (check: string, code: string | undefined) => void;
}) {
  return (
    <form
      class="form"
      onSubmit={(e) => {
        e.preventDefault();
        props.onCheck(String(new FormData(e.currentTarget).get('check') ?? ''), codeOf(e.currentTarget));
      }}
    >
      <p>{props.intro}</p>
      <div class="field">
        <label for={props.id}>{props.label}</label>
        <textarea id={props.id} name="check" required minLength={3} maxLength={500} rows={2} />
      </div>
      {props.codeAgain && <CodeAgainField id={`${props.id}-code`} t={props.codeAgain} />}
      <SendButton label={props.submit} busy={props.busy} texts={props.sending} />
    </form>
  );
}

function describe(
  t: Catalog['agent'],
  attempt: AccountStateAnswer['attempts'][number],
  diagnosis: Record<string, string>,
): string {
  const label = attempt.diagnosis ? (diagnosis[attempt.diagnosis] ?? attempt.diagnosis) : attempt.outcome;
  const d = attempt.detail;
  if (d?.minutes)
    return format(d.direction === 'ahead' ? t.attempts.clockAhead : t.attempts.clockBehind, {
      label,
      minutes: Number(d.minutes),
    });
  if (d?.level) return `${label} (${d.level})`;
  return label;
}
