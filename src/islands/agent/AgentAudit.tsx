import { useState } from 'preact/hooks';
import type { Catalog } from '../../i18n/index.ts';
import type { AuditEntry } from '../../store/types.ts';
import { callApi } from '../api.ts';
import { DateRange } from './AgentReport.tsx';
import { StaffGate } from './StaffGate.tsx';
import { lastWeek, when } from './useStaff.ts';

/** The audit log, for supervisors: every lookup and action, and a CSV export. */
export default function AgentAudit({ t }: { t: Catalog['agent'] }) {
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [range, setRange] = useState(lastWeek());
  const load = (from: string, to: string) => {
    setRange({ from, to });
    return callApi<{ entries: AuditEntry[] }>('GET', `/api/agent/audit?${new URLSearchParams({ from, to })}`, 'nl').then(
      (a) => a.ok && setEntries(a.data.entries),
    );
  };
  const c = t.auditColumns;
  return (
    <StaffGate t={t} supervisor>
      {() => (
        <>
          <DateRange t={t} from={range.from} to={range.to} onShow={load} />
          <p>
            <a href={`/api/agent/audit?${new URLSearchParams({ ...range, format: 'csv' })}`} download>
              {t.auditExport}
            </a>
          </p>
          {entries && (
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{c.at}</th>
                  <th scope="col">{c.agent}</th>
                  <th scope="col">{c.action}</th>
                  <th scope="col">{c.subject}</th>
                  <th scope="col">{c.reason}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr>
                    <td>{when(e.at, '')}</td>
                    <td>{e.agent_email}</td>
                    <td>{t.auditActions[e.action as keyof typeof t.auditActions] ?? e.action}</td>
                    <td>{e.subject}</td>
                    <td>{e.reason}</td>
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
