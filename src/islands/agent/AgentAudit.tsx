import { useState } from 'preact/hooks';
import type { AuditEntryAnswer } from '../../shared/api/schemas-agent.ts';
import type { Catalog } from '../../i18n/index.ts';
import type { Lang } from '../../i18n/lang.ts';
import { format } from '../../i18n/format.ts';
import { Alert } from '../Alert.tsx';
import { callApi, type ApiAnswer } from '../api.ts';
import { CodeAgainField, codeOf, useCodeAgain } from './CodeAgain.tsx';
import { SendButton } from '../SendButton.tsx';
import { useSubmit } from '../useSubmit.ts';
import { DateRange } from './AgentReport.tsx';
import { StaffGate } from './StaffGate.tsx';
import { firstProblem, lastWeek, when, type Sending } from './useStaff.ts';
import { readAuditText } from '../../shared/audit-words.ts';

/** The code field, read by the range's form and by the export beside it. */
const CODE_FIELD = 'audit-code';

/** The audit log, for supervisors: every attempted lookup and action with how it ended, and a CSV export. */
export default function AgentAudit({ lang, t, sending }: { lang: Lang; t: Catalog['agent']; sending: Sending }) {
  const [shown, setShown] = useState<{ entries: AuditEntryAnswer[]; truncated: boolean } | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [range, setRange] = useState(lastWeek());
  const loading = useSubmit();
  // Reading the log, or exporting it, asks for the app's code once the last one is 10 minutes old.
  const codeAgain = useCodeAgain();
  const load = (from: string, to: string, code?: string) => {
    setRange({ from, to });
    setExportError(null);
    return loading.run(
      () =>
        codeAgain.send(
          (body) =>
            callApi<{ entries: AuditEntryAnswer[]; truncated: boolean }>('POST', '/api/agent/audit', lang, body, {
              reads: true,
            }),
          { from, to },
          code,
        ),
      (a) => setShown(a.data),
      () => setShown(null),
    );
  };
  // A POST, like every read of the log, then handed to the browser as a file.
  const exportCsv = async () => {
    if (exporting) return;
    setExporting(true);
    try {
      const typed = (document.getElementById(CODE_FIELD) as HTMLInputElement | null)?.value || undefined;
      const answer = await codeAgain.send(
        async (body): Promise<ApiAnswer> => {
          const res = await fetch('/api/agent/audit', {
            method: 'POST',
            credentials: 'same-origin',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          });
          if (!res.ok) return { ok: false, status: res.status, data: (await res.json().catch(() => ({}))) as ApiAnswer['data'] };
          const link = document.createElement('a');
          link.href = URL.createObjectURL(await res.blob());
          link.download = `audit-${range.from}-${range.to}.csv`;
          link.click();
          URL.revokeObjectURL(link.href);
          return { ok: true, status: res.status, data: {} };
        },
        { ...range, format: 'csv' },
        typed,
      );
      setExportError(answer.ok ? null : (answer.data.error?.message ?? t.unavailableTitle));
    } catch {
      // No answer at all (offline, the server gone): said, never a button that does nothing.
      setExportError(t.unavailableTitle);
    } finally {
      setExporting(false);
    }
  };
  const c = t.auditColumns;
  const actions = t.auditActions as Record<string, string>;
  return (
    <StaffGate lang={lang} t={t} sending={sending} supervisor onStaff={() => void load(range.from, range.to)}>
      {() => (
        <>
          <DateRange
            t={t}
            from={range.from}
            to={range.to}
            onShow={(from, to, form) => void load(from, to, codeOf(form))}
            busy={loading.busy}
            sending={sending}
          >
            {codeAgain.asked && <CodeAgainField id={CODE_FIELD} t={t} />}
          </DateRange>
          {loading.failure && (
            <Alert
              title={codeAgain.asked ? t.codeAgainTitle : t.unavailableTitle}
              message={firstProblem(loading.failure)}
              cause={loading.failure}
              takeFocus={!codeAgain.asked}
            />
          )}
          <SendButton label={t.auditExport} busy={exporting} texts={sending} secondary onClick={() => void exportCsv()} />
          {exportError && <Alert title={t.auditExport} message={exportError} takeFocus={!codeAgain.asked} />}
          {shown?.truncated && (
            <p role="status">
              <strong>{format(t.auditTruncated, { max: shown.entries.length.toLocaleString(lang) })}</strong>
            </p>
          )}
          {shown && (
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
                {shown.entries.map((e) => (
                  <tr>
                    <td>{when(e.at, '', lang)}</td>
                    <td>{inWords(t, e.agent_email, 'actor')}</td>
                    <td>{actions[e.action] ?? e.action}</td>
                    <td>{inWords(t, e.subject, 'subject')}</td>
                    <td>{inWords(t, e.reason, { reasonOf: e.action })}</td>
                    <td>{auditOutcome(t, e.outcome)}</td>
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

/** A text the server wrote into the log (audit-words.ts), in the staff member's language; what staff typed as it is. */
function inWords(t: Catalog['agent'], text: string, column: Parameters<typeof readAuditText>[1]): string {
  const read = readAuditText(text, column);
  return read ? format(t.auditWords[read.kind], { value: read.value }) : text;
}

/**
 * `done`, `done: <what>` or `refused: <kind>` as stored in the log, in the agent's words. A lookup
 * stores how many it found; other details stay in the export.
 */
function auditOutcome(t: Catalog['agent'], outcome: string): string {
  const found = /^done: (\d+) found$/.exec(outcome);
  if (found) return format(t.auditOutcomes.found, { count: found[1]! });
  if (outcome === 'done' || outcome.startsWith('done: ')) return t.auditOutcomes.done;
  const why = outcome.replace(/^refused: /, '');
  return format(t.auditOutcomes.refused, { why: (t.auditOutcomes.why as Record<string, string>)[why] ?? why });
}
