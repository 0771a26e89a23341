import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import type { Catalog } from '../../i18n/index.ts';
import type { Lang } from '../../i18n/lang.ts';
import { staffPaths } from '../../config/flow-paths.ts';
import { callApi } from '../api.ts';
import { Alert } from '../Alert.tsx';
import { SendButton } from '../SendButton.tsx';
import { useSubmit } from '../useSubmit.ts';
import { isStaff, useStaff, type Sending, type Staff } from './useStaff.ts';
import { ButtonLink } from '../ButtonLink.tsx';

interface Props {
  lang: Lang;
  t: Catalog['agent'];
  sending: Sending;
  supervisor?: boolean;
  /** Once it is known that staff (with the right role) is here: load what the page shows, without a click. */
  onStaff?: () => void;
  children: (staff: Staff) => ComponentChildren;
}

/** Every console page: the navigation for staff, or the way to log in for anyone else. */
export function StaffGate({ lang, t, sending, supervisor, onStaff, children }: Props) {
  const staff = useStaff(lang);
  const logout = useSubmit();
  const language = useSubmit();
  const allowed = isStaff(staff) && (!supervisor || staff.role === 'supervisor');
  useEffect(() => {
    if (allowed) onStaff?.();
  }, [allowed]);
  useEffect(() => {
    if (!isStaff(staff)) return;
    const link = document.querySelector<HTMLAnchorElement>('a[data-lang-switch]');
    if (!link) return;
    const other = () => {
      const target = new URL(link.href);
      target.search = location.search;
      return target.href;
    };
    // The console opens in the language the agent chose last; choosing is using the language link.
    if (staff.lang !== lang) return location.replace(other());
    const choose = (e: MouseEvent) => {
      e.preventDefault();
      const lang = link.hreflang === 'en' ? 'en' : 'nl';
      // Only once it is saved: unsaved, the other console would send the agent straight back here.
      void language.run(
        () => callApi('PUT', '/api/agent/me', lang, { lang }),
        () => language.leave(other()),
      );
    };
    link.addEventListener('click', choose);
    return () => link.removeEventListener('click', choose);
  }, [staff]);
  if (staff === 'loading') return <p role="status">…</p>;
  if (staff && 'failed' in staff) return <Alert title={t.unavailableTitle} message={staff.failed} />;
  if (!staff) {
    return (
      <Alert title={t.loginTitle} message={t.notStaff}>
        <ButtonLink href={staffPaths.console[lang]}>{t.loginTitle}</ButtonLink>
      </Alert>
    );
  }
  return (
    <div class="console">
      <nav aria-label={t.title} class="console__nav">
        <ul class="link-list link-list--row">
          <li>
            <a href={staffPaths.console[lang]}>{t.nav.home}</a>
          </li>
          <li>
            <a href={staffPaths.lookup[lang]}>{t.nav.lookup}</a>
          </li>
          <li>
            <a href={staffPaths.report[lang]}>{t.nav.report}</a>
          </li>
          {staff.role === 'supervisor' && (
            <li>
              <a href={staffPaths.audit[lang]}>{t.nav.audit}</a>
            </li>
          )}
          {staff.role === 'supervisor' && (
            <li>
              <a href={staffPaths.team[lang]}>{t.nav.team}</a>
            </li>
          )}
        </ul>
        <div class="console__who">
          <p class="muted">{t.loggedInAs.replace('{email}', staff.email).replace('{role}', t.roles[staff.role])}</p>
          <SendButton
            label={t.logOut}
            busy={logout.busy}
            texts={sending}
            secondary
            onClick={() =>
              logout.run(
                () => callApi('DELETE', '/api/session', lang),
                () => logout.leave(staffPaths.console[lang]),
              )
            }
          />
        </div>
      </nav>
      {/* Never "logged out" unless the server said so: staff on a shared desk must know the console is still open. */}
      {logout.failure?.error && (
        <Alert title={t.unavailableTitle} message={logout.failure.error.message} cause={logout.failure.error} />
      )}
      {language.failure?.error && (
        <Alert title={t.unavailableTitle} message={language.failure.error.message} cause={language.failure.error} />
      )}
      {supervisor && staff.role !== 'supervisor' ? <Alert title={t.auditTitle} message={t.supervisorOnly} /> : children(staff)}
    </div>
  );
}
