import { formatColumns } from '../report/text-table.ts';

/** A plain-text table: columns padded to their widest cell, a rule under the header. */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const rule = headers.map((h, i) => '-'.repeat(Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length))));
  return formatColumns([headers, rule, ...rows], '');
}
