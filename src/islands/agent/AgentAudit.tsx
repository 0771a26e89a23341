import { useState } from 'preact/hooks';
import type { AuditEntryAnswer } from '../../edge/schemas-agent.ts';
import type { Catalog } from '../../i18n/index.ts';
import { callApi } from '../api.ts';
import { DateRange } from './AgentReport.tsx';
import { StaffGate } from './StaffGate.tsx';
import { lastWeek, when } from './useStaff.ts';

/** The audit log, for supervisors: every attempted lookup and action with how it ended, and a CSV export. */
export default function AgentAudit({ t }: { t: Catalog['agent'] }) {
  const [entries, setEntries] = useState<AuditEntryAnswer[] | null>(null);
  const [range, setRange] = useState(lastWeek());
  const load = (from: string, to: string) => {
    setRange({ from, to });
    return callApi<{ entries: AuditEntryAnswer[] }>('POST', '/api/agent/audit', 'nl', { from, to }).then(
      (a) => a.ok && setEntries(a.data.entries),
    );
  };
  // A POST, like every read of the log, then handed to the browser as a file.
  const exportCsv = async () => {
    const res = await fetch('/api/agent/audit', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...range, format: 'csv' }),
    });
    if (!res.ok) return;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await res.blob());
    link.download = `audit-${range.from}-${range.to}.csv`;
    link.click();
    URL.revokeObjectURL(link.href);
  };
  const c = t.auditColumns;
  const actions = t.auditActions as Record<string, string>;
  return (
    <StaffGate t={t} supervisor onStaff={() => void load(range.from, range.to)}>
      {() => (
        <>
          <DateRange t={t} from={range.from} to={range.to} onShow={load} />
          <p>
            <button type="button" class="button button--secondary" onClick={() => void exportCsv()}>
              {t.auditExport}
            </button>
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
                  <th scope="col">{c.outcome}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr>
                    <td>{when(e.at, '')}</td>
                    <td>{e.agent_email}</td>
                    <td>{actions[e.action] ?? e.action}</td>
                    <td>{e.subject}</td>
                    <td>{e.reason}</td>
                    <td>{e.outcome}</td>
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
