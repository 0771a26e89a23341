import type { AuditEntry } from '../store/types.ts';
import { spreadsheetSafe } from '../shared/csv.ts';

/** The audit log as CSV for a spreadsheet: every cell that could run as a formula is defused. */
export async function auditCsv(entries: AuditEntry[]): Promise<string> {
  // Loaded at the first export: few servers ever make one.
  const { stringify } = await import('csv-stringify/sync');
  const header = ['seq', 'at', 'staff', 'action', 'subject', 'reason', 'outcome', 'hash'];
  const rows = entries.map((e) => [
    String(e.seq),
    new Date(e.at).toISOString(),
    e.agent_email,
    e.action,
    e.subject,
    e.reason,
    e.outcome,
    e.hash,
  ]);
  // Every cell quoted: csv-stringify quotes a lone line feed only with Unix line ends, and a cell
  // with a semicolon never, where a spreadsheet would break the row or the cell there.
  return stringify([header, ...rows.map((row) => row.map(spreadsheetSafe))], { record_delimiter: 'windows', quoted: true });
}
