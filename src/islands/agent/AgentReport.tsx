import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Catalog } from '../../i18n/index.ts';
import type { Lang } from '../../i18n/lang.ts';
import type { ReportAnswer as Report } from '../../shared/api/schemas-agent.ts';
import type { PageName } from '../../site/report-names.ts';
import { callApi } from '../api.ts';
import { Alert } from '../Alert.tsx';
import { SendButton } from '../SendButton.tsx';
import { useSubmit } from '../useSubmit.ts';
import { StaffGate } from './StaffGate.tsx';
import { firstProblem, lastWeek, when, type Sending } from './useStaff.ts';

/** What customers could not find: least helpful articles, searches without result, wizard ends. */
export default function AgentReport({
  lang,
  t,
  sending,
  names,
}: {
  lang: Lang;
  t: Catalog['agent'];
  sending: Sending;
  /** Titles and links for the pages and wizard ends the report counts by id. */
  names: Record<string, PageName>;
}) {
  const page = (id: string, read: Lang = lang) => <PageTitle id={id} names={names} lang={read} />;
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
              <Table
                t={t}
                head={[t.pageColumn, t.languageColumn, t.helpfulYes, t.helpfulNo]}
                rows={report.articles.map((a) => [page(a.page, a.lang), t.languages[a.lang], a.yes, a.no])}
              />
              <h2>{t.searchesWithoutResult}</h2>
              <Table
                t={t}
                head={[t.itemColumn, t.languageColumn, t.count]}
                rows={report.searchesWithoutResult.map((s) => [s.query, t.languages[s.lang], s.total])}
              />
              <h2>{t.wizardEnds}</h2>
              <Table
                t={t}
                head={[t.itemColumn, t.count]}
                rows={report.wizardEnds.map((e) => [page(`wizard:${e.wizard}:${e.end}`), e.total])}
              />
              <h2>{t.comments}</h2>
              <Table
                t={t}
                head={[t.auditColumns.at, t.pageColumn, t.languageColumn, t.commentColumn]}
                rows={report.comments.map((c) => [when(c.at, '', lang), page(c.page, c.lang), t.languages[c.lang], c.comment])}
              />
            </>
          )}
        </>
      )}
    </StaffGate>
  );
}

/** A page by its title, linked in the language it was read in; an id the site no longer has (an article removed since) as it is. */
function PageTitle({ id, names, lang }: { id: string; names: Record<string, PageName>; lang: Lang }) {
  const name = names[id];
  return name ? (
    <a href={name.href[lang]} hrefLang={lang}>
      {name.title}
    </a>
  ) : (
    <>{id}</>
  );
}

/** One part of the report: a table, or a line saying the period has nothing for it. */
function Table({ t, head, rows }: { t: Catalog['agent']; head: string[]; rows: ComponentChildren[][] }) {
  if (!rows.length) return <p class="muted">{t.nothingInRange}</p>;
  return (
    <table class="table">
      <thead>
        <tr>
          {head.map((label) => (
            <th scope="col">{label}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((cells) => (
          <tr>
            {cells.map((cell) => (
              <td>{cell}</td>
            ))}
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
  children,
}: {
  t: Catalog['agent'];
  from: string;
  to: string;
  onShow: (from: string, to: string, form: HTMLFormElement) => void;
  busy: boolean;
  sending: Sending;
  /** More fields before the button (the audit log's code, when one is asked for). */
  children?: ComponentChildren;
}) {
  return (
    <form
      class="form form--inline"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        onShow(String(data.get('from')), String(data.get('to')), e.currentTarget);
      }}
    >
      <label for="range-from">{t.from}</label>
      <input id="range-from" name="from" type="date" defaultValue={from} required />
      <label for="range-to">{t.to}</label>
      <input id="range-to" name="to" type="date" defaultValue={to} required />
      {children}
      <SendButton label={t.show} busy={busy} texts={sending} />
    </form>
  );
}
