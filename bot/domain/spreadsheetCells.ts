// CSV cells made safe to open in a spreadsheet: a cell that Excel or Sheets would read as a formula (it starts with =,
// +, -, @, a tab or a carriage return: OWASP's "CSV injection") starts with an apostrophe, so it shows as typed text.

const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell as text a spreadsheet shows rather than runs. */
export function spreadsheetSafe(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}
