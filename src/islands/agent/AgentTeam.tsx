import { useState } from 'preact/hooks';
import type { StaffMemberAnswer } from '../../shared/api/schemas-agent.ts';
import { format } from '../../i18n/format.ts';
import type { Catalog } from '../../i18n/index.ts';
import type { Lang } from '../../i18n/lang.ts';
import { callApi } from '../api.ts';
import { Alert } from '../Alert.tsx';
import { useSubmit } from '../useSubmit.ts';
import { ConfirmWithReason } from './ConfirmWithReason.tsx';
import { useCodeAgain } from './CodeAgain.tsx';
import { StaffGate } from './StaffGate.tsx';
import { firstProblem, when, type Sending } from './useStaff.ts';

type Action = 'disable' | 'enable' | 'lift-lock' | 'reset' | 'makeSupervisor' | 'makeAgent';

/** The actions that fit a member of staff as they are now. */
function actionsFor(member: StaffMemberAnswer): Action[] {
  // A new invitation, without enabling first: an account in other hands never gets its old password and app back.
  if (member.state === 'disabled') return ['enable', 'reset'];
  return [
    'disable',
    ...(member.lockedUntil ? (['lift-lock'] as const) : []),
    'reset',
    member.role === 'agent' ? 'makeSupervisor' : 'makeAgent',
  ];
}

/** Supervisors manage the staff; each action is confirmed with a reason and written to the audit log. */
export default function AgentTeam({ lang, t, sending }: { lang: Lang; t: Catalog['agent']; sending: Sending }) {
  const [staff, setStaff] = useState<StaffMemberAnswer[] | null>(null);
  const loading = useSubmit();
  const load = () =>
    loading.run(
      () => callApi<{ staff: StaffMemberAnswer[] }>('GET', '/api/agent/staff', lang),
      (a) => setStaff(a.data.staff),
    );
  const c = t.team.columns;
  return (
    <StaffGate lang={lang} t={t} sending={sending} supervisor onStaff={() => void load()}>
      {(me) => (
        <>
          <p>{t.team.intro}</p>
          {loading.failure && (
            <Alert title={t.unavailableTitle} message={firstProblem(loading.failure)} cause={loading.failure} />
          )}
          {staff?.map((member) => (
            <MemberCard
              lang={lang}
              t={t}
              sending={sending}
              member={member}
              self={member.email === me.email}
              onDone={() => void load()}
            />
          ))}
          {staff && (
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{c.email}</th>
                  <th scope="col">{c.role}</th>
                  <th scope="col">{c.state}</th>
                  <th scope="col">{c.locked}</th>
                </tr>
              </thead>
              <tbody>
                {staff.map((m) => (
                  <tr>
                    <td>{m.email}</td>
                    <td>{t.roles[m.role]}</td>
                    <td>{t.team.states[m.state]}</td>
                    <td>{m.lockedUntilReset ? t.team.lockedUntilReset : when(m.lockedUntil, t.fields.none, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </StaffGate>
  );
}

function MemberCard({
  lang,
  t,
  sending,
  member,
  self,
  onDone,
}: {
  lang: Lang;
  t: Catalog['agent'];
  sending: Sending;
  member: StaffMemberAnswer;
  /** The supervisor's own card: what is done to a member of staff is never done to oneself. */
  self: boolean;
  onDone: () => void;
}) {
  const [confirming, setConfirming] = useState<Action | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const acting = useSubmit();
  const codeAgain = useCodeAgain();
  const label = (action: Action) => t.team.actions[action];
  const act = (action: Action, reason: string, code: string | undefined) => {
    const [path, body] =
      action === 'makeSupervisor' || action === 'makeAgent'
        ? ['role', { reason, role: action === 'makeSupervisor' ? 'supervisor' : 'agent' }]
        : [action, { reason }];
    return acting.run(
      () =>
        codeAgain.send(
          (sent) => callApi<{ stopped: number }>('POST', `/api/agent/staff/${member.id}/${path}`, lang, sent),
          body,
          code,
        ),
      (answer) => {
        setConfirming(null);
        const { stopped } = answer.data;
        setMessage(
          stopped ? format(stopped === 1 ? t.team.doneStoppedOne : t.team.doneStopped, { count: stopped }) : t.team.done,
        );
        onDone();
      },
      // The form stays, with its reason, to try again (and the code field, once asked for).
      (answer) => setMessage(firstProblem(answer.data)),
    );
  };
  return (
    <section class="card account" aria-label={member.email}>
      <h2>{member.email}</h2>
      <p>
        {t.roles[member.role]}, {t.team.states[member.state]}
      </p>
      {message && <p role="status">{message}</p>}
      {self && <p class="muted">{t.team.yourself}</p>}
      <div class="console__actions">
        {(self ? [] : actionsFor(member)).map((action) =>
          confirming === action ? (
            <ConfirmWithReason
              id={`reason-${member.id}-${action}`}
              label={label(action)}
              intro={format(t.team.confirm, { action: label(action), email: member.email })}
              reasonLabel={t.reasonLabel}
              cancelLabel={t.team.cancel}
              busy={acting.busy}
              sending={sending}
              codeAgain={codeAgain.asked ? t : undefined}
              onConfirm={(reason, code) => void act(action, reason, code)}
              onCancel={() => setConfirming(null)}
            />
          ) : (
            <button type="button" class="button button--secondary" onClick={() => setConfirming(action)}>
              {label(action)}
            </button>
          ),
        )}
      </div>
    </section>
  );
}
