import { useState } from 'preact/hooks';
import type { Catalog } from '../../i18n/index.ts';
import type { Lang } from '../../i18n/lang.ts';
import type { ReportAnswer as Report } from '../../shared/api/schemas-agent.ts';
import { callApi } from '../api.ts';
import { Alert } from '../Alert.tsx';
import { SendButton } from '../SendButton.tsx';
import { useSubmit } from '../useSubmit.ts';
import { StaffGate } from './StaffGate.tsx';
import { firstProblem, lastWeek, when, type Sending } from './useStaff.ts';

/** What customers could not find: least helpful articles, searches without result, wizard ends. */
export default function AgentReport({ lang, t, sending }: { lang: Lang; t: Catalog['agent']; sending: Sending }) {
  const [report, setReport] = useState<Report | null>(null);
  const loading = useSubmit();
  const range = lastWeek();
  const load = (from: string, to: string) =>
    loading.run(
      () => callApi<Report>('GET', `/api/agent/report?${new URLSearchParams({ from, to })}`, lang),
      (a) => setReport(a.data),
      // Not the last range's figures under the new range's dates.
      () => setReport(null),
    );
  return (
    <StaffGate lang={lang} t={t} sending={sending} onStaff={() => void load(range.from, range.to)}>
      {() => (
        <>
          <DateRange t={t} from={range.from} to={range.to} onShow={load} busy={loading.busy} sending={sending} />
          {loading.failure && (
            <Alert title={t.unavailableTitle} message={firstProblem(loading.failure)} cause={loading.failure} />
          )}
          {report && (
            <>
              <h2>{t.articlesByHelpfulness}</h2>
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">{t.pageColumn}</th>
                    <th scope="col">{t.helpfulYes}</th>
                    <th scope="col">{t.helpfulNo}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.articles.map((a) => (
                    <tr>
                      <td>{a.page}</td>
                      <td>{a.yes}</td>
                      <td>{a.no}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <h2>{t.searchesWithoutResult}</h2>
              <Counts rows={report.searchesWithoutResult.map((s) => [s.query, s.total])} t={t} />
              <h2>{t.wizardEnds}</h2>
              <Counts rows={report.wizardEnds.map((e) => [e.end, e.total])} t={t} />
              <h2>{t.comments}</h2>
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">{t.auditColumns.at}</th>
                    <th scope="col">{t.pageColumn}</th>
                    <th scope="col">{t.commentColumn}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.comments.map((c) => (
                    <tr>
                      <td>{when(c.at, '', lang)}</td>
                      <td>{c.page}</td>
                      <td>{c.comment}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </>
      )}
    </StaffGate>
  );
}

function Counts({ rows, t }: { rows: [string, number][]; t: Catalog['agent'] }) {
  return (
    <table class="table">
      <thead>
        <tr>
          <th scope="col">{t.itemColumn}</th>
          <th scope="col">{t.count}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, total]) => (
          <tr>
            <td>{label}</td>
            <td>{total}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DateRange({
  t,
  from,
  to,
  onShow,
  busy,
  sending,
}: {
  t: Catalog['agent'];
  from: string;
  to: string;
  onShow: (from: string, to: string) => void;
  busy: boolean;
  sending: Sending;
}) {
  return (
    <form
      class="form form--inline"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        onShow(String(data.get('from')), String(data.get('to')));
      }}
    >
      <label for="range-from">{t.from}</label>
      <input id="range-from" name="from" type="date" defaultValue={from} required />
      <label for="range-to">{t.to}</label>
      <input id="range-to" name="to" type="date" defaultValue={to} required />
      <SendButton label={t.show} busy={busy} texts={sending} />
    </form>
  );
}
