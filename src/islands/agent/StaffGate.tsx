import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import type { Catalog } from '../../i18n/index.ts';
import { staffPaths } from '../../config/flow-paths.ts';
import { callApi } from '../api.ts';
import { Alert } from '../Alert.tsx';
import { useStaff, type Staff } from './useStaff.ts';

interface Props {
  t: Catalog['agent'];
  supervisor?: boolean;
  /** Once it is known that staff (with the right role) is here: load what the page shows, without a click. */
  onStaff?: () => void;
  children: (staff: Staff) => ComponentChildren;
}

/** Every console page: the navigation for staff, or the way to log in for anyone else. */
export function StaffGate({ t, supervisor, onStaff, children }: Props) {
  const staff = useStaff();
  const allowed = staff !== 'loading' && staff !== null && (!supervisor || staff.role === 'supervisor');
  useEffect(() => {
    if (allowed) onStaff?.();
  }, [allowed]);
  if (staff === 'loading') return <p role="status">…</p>;
  if (!staff) {
    return (
      <Alert title={t.loginTitle} message={t.notStaff}>
        <p>
          <a class="button" href={staffPaths.console}>
            {t.loginTitle}
          </a>
        </p>
      </Alert>
    );
  }
  return (
    <div class="console">
      <nav aria-label={t.title} class="console__nav">
        <ul class="link-list link-list--row">
          <li>
            <a href={staffPaths.console}>{t.nav.home}</a>
          </li>
          <li>
            <a href={staffPaths.lookup}>{t.nav.lookup}</a>
          </li>
          <li>
            <a href={staffPaths.report}>{t.nav.report}</a>
          </li>
          {staff.role === 'supervisor' && (
            <li>
              <a href={staffPaths.audit}>{t.nav.audit}</a>
            </li>
          )}
          {staff.role === 'supervisor' && (
            <li>
              <a href={staffPaths.team}>{t.nav.team}</a>
            </li>
          )}
        </ul>
        <p class="muted">
          {t.loggedInAs.replace('{email}', staff.email).replace('{role}', t.roles[staff.role])}{' '}
          <button
            type="button"
            class="button button--secondary"
            onClick={() => callApi('DELETE', '/api/session', 'nl').then(() => location.assign(staffPaths.console))}
          >
            {t.logOut}
          </button>
        </p>
      </nav>
      {supervisor && staff.role !== 'supervisor' ? <Alert title={t.auditTitle} message={t.supervisorOnly} /> : children(staff)}
    </div>
  );
}
