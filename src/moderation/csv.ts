/**
 * CSV cells (RFC 4180) made safe for spreadsheets: a cell whose first character is `=`, `+`, `-`, `@`,
 * tab or carriage return would be read as a formula by Excel / LibreOffice / Sheets ("CSV injection"),
 * so it is prefixed with a single quote, which those programs show as text. Pure.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export const CSV_BOM = '\uFEFF';

export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = neutralizeFormula(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: ReadonlyArray<string | number | null | undefined>): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
