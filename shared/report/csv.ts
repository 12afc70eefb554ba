/**
 * The timeline as CSV (RFC 4180): CRLF line ends, every field quoted when
 * it holds a quote, comma, CR or LF (quotes doubled). The text starts with a
 * UTF-8 byte order mark (U+FEFF) so that Excel, which otherwise guesses the
 * legacy code page (GBK on Chinese Windows), opens the Chinese correctly;
 * the caller writes the string as UTF-8. Times are Beijing time ISO 8601
 * with the offset (`2026-11-26T14:03:12+08:00`) so a spreadsheet and a
 * script read the same instant.
 *
 * A field starting with `=`, `+`, `-` or `@` would run as a formula in Excel
 * (CSV injection; feed text is data): such fields get a leading `'`.
 */
import { agencyName, beijingIso, type Lang } from './labels';
import type { TimelineEntry } from './timeline';

export const CSV_BOM = '\uFEFF';

const HEADERS: Readonly<Record<Lang, readonly string[]>> = {
  zh: ['序号', '时间（北京时间）', '操作者', '操作者标识', '所属单位', '动作', '动作（英文）', '详情', '事件类型', '预警编号'],
  en: ['Seq', 'Time (Beijing)', 'Actor', 'Actor id', 'Agency', 'Action', 'Action (Chinese)', 'Details', 'Event type', 'Alert id'],
};

/** One CSV field, quoted when RFC 4180 requires it, defused when a spreadsheet would run it. */
export function csvField(value: string | number): string {
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(fields: readonly (string | number)[]): string {
  return fields.map(csvField).join(',');
}

/**
 * The timeline as CSV text with a BOM and a header row, one row per entry
 * in the order given. `lang` picks the header, the agency name and which
 * language comes first; both action texts are always written.
 */
export function timelineCsv(entries: readonly TimelineEntry[], lang: Lang = 'zh'): string {
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  const rows = [csvRow(HEADERS[lang])];
  for (const e of entries) {
    rows.push(
      csvRow([e.seq, beijingIso(e.time), e.actorName[lang], e.actor, e.agency !== undefined ? agencyName(e.agency)[lang] : '', e.action[lang], e.action[other], e.details[lang], e.type, e.alertId ?? '']),
    );
  }
  return CSV_BOM + rows.join('\r\n') + '\r\n';
}

/**
 * Reads CSV text back into rows of fields (RFC 4180, BOM skipped). Used by
 * the tests and by anyone checking an exported file; it does not undo the
 * formula guard.
 */
export function parseCsv(text: string): string[][] {
  const s = text.startsWith(CSV_BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && s[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
