import { useState } from 'preact/hooks';
import type { StaffMemberAnswer } from '../../shared/api/schemas-agent.ts';
import { format } from '../../i18n/format.ts';
import type { Catalog } from '../../i18n/index.ts';
import type { Lang } from '../../i18n/lang.ts';
import { callApi } from '../api.ts';
import { StaffGate } from './StaffGate.tsx';
import { when } from './useStaff.ts';

type Action = 'disable' | 'enable' | 'lift-lock' | 'reset' | 'makeSupervisor' | 'makeAgent';

/** The actions that fit a member of staff as they are now. */
function actionsFor(member: StaffMemberAnswer): Action[] {
  if (member.state === 'disabled') return ['enable'];
  return [
    'disable',
    ...(member.lockedUntil ? (['lift-lock'] as const) : []),
    'reset',
    member.role === 'agent' ? 'makeSupervisor' : 'makeAgent',
  ];
}

/** Supervisors manage the staff; each action is confirmed with a reason and written to the audit log. */
export default function AgentTeam({ lang, t }: { lang: Lang; t: Catalog['agent'] }) {
  const [staff, setStaff] = useState<StaffMemberAnswer[] | null>(null);
  const load = () =>
    callApi<{ staff: StaffMemberAnswer[] }>('GET', '/api/agent/staff', lang).then((a) => a.ok && setStaff(a.data.staff));
  const c = t.team.columns;
  return (
    <StaffGate lang={lang} t={t} supervisor onStaff={() => void load()}>
      {() => (
        <>
          <p>{t.team.intro}</p>
          {staff?.map((member) => (
            <MemberCard lang={lang} t={t} member={member} onDone={load} />
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
  member,
  onDone,
}: {
  lang: Lang;
  t: Catalog['agent'];
  member: StaffMemberAnswer;
  onDone: () => void;
}) {
  const [confirming, setConfirming] = useState<Action | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const label = (action: Action) => t.team.actions[action];
  const act = (action: Action, reason: string) => {
    const [path, body] =
      action === 'makeSupervisor' || action === 'makeAgent'
        ? ['role', { reason, role: action === 'makeSupervisor' ? 'supervisor' : 'agent' }]
        : [action, { reason }];
    return callApi('POST', `/api/agent/staff/${member.id}/${path}`, lang, body).then((answer) => {
      setConfirming(null);
      setMessage(answer.ok ? t.team.done : (answer.data.error?.message ?? ''));
      if (answer.ok) onDone();
    });
  };
  return (
    <section class="card account" aria-label={member.email}>
      <h2>{member.email}</h2>
      <p>
        {t.roles[member.role]}, {t.team.states[member.state]}
      </p>
      {message && <p role="status">{message}</p>}
      <div class="console__actions">
        {actionsFor(member).map((action) =>
          confirming === action ? (
            <form
              class="form"
              aria-label={label(action)}
              onSubmit={(e) => {
                e.preventDefault();
                void act(action, String(new FormData(e.currentTarget).get('reason') ?? ''));
              }}
            >
              <p>{format(t.team.confirm, { action: label(action), email: member.email })}</p>
              <div class="field">
                <label for={`reason-${member.id}-${action}`}>{t.reasonLabel}</label>
                <input id={`reason-${member.id}-${action}`} name="reason" required minLength={3} maxLength={500} />
              </div>
              <p class="console__actions">
                <button type="submit" class="button">
                  {label(action)}
                </button>
                <button type="button" class="button button--secondary" onClick={() => setConfirming(null)}>
                  {t.team.cancel}
                </button>
              </p>
            </form>
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
