/**
 * CSV as spreadsheet programs read it: UTF-8 with a byte-order mark (without it, Excel takes the
 * file for the local code page and garbles Arabic), fields quoted when they need it (RFC 4180),
 * lines ended by CRLF. Written here rather than with a library: this is all of it.
 */

/** Starts the file: spreadsheet programs read UTF-8 only after it. */
export const CSV_BOM = '\ufeff';

/**
 * One field. Text starting with a character that spreadsheets read as a formula (= + - @, tab,
 * CR) gets a leading apostrophe: corpus text is data and must not run as a formula in the sheet.
 */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, with its line end. */
export function csvLine(fields: readonly (string | number | boolean | null | undefined)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}
