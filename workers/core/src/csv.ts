/**
 * CSV, one module, on papaparse: the exports agents open in a spreadsheet and the files people
 * import. Written as RFC 4180 (CRLF line ends; a field is quoted when it holds the delimiter, a
 * quote, a line break or starts or ends with a space, quotes doubled inside), with `;` and a
 * byte-order mark by default — what French spreadsheets (Excel, LibreOffice) open as is, accents
 * and decimal commas included. No formula escaping: a value is written as it is (a negative amount
 * stays `-12,50`). Runtime-neutral (Workers, Node, the browser).
 */
import Papa from "papaparse";

export interface CsvWriteOptions {
  /** Field separator; `;` unless a consumer expects another. */
  delimiter?: string;
  /** Starts with U+FEFF so spreadsheets read UTF-8 (default true). */
  bom?: boolean;
  /** Ends the last line with CRLF too (default false: lines are separated, not terminated). */
  finalNewline?: boolean;
}

/** A row: values by position (in the order of `columns`) or by column name (missing ones are empty). */
export type CsvRow = readonly unknown[] | Readonly<Record<string, unknown>>;

/**
 * The CSV text of a table: a header line of `columns`, then one line per row. `null` and
 * `undefined` are empty fields, numbers are written with `String`, dates in ISO 8601.
 */
export function toCsv(
  columns: readonly string[],
  rows: readonly CsvRow[],
  { delimiter = ";", bom = true, finalNewline = false }: CsvWriteOptions = {},
): string {
  const data = rows.map((r) => (Array.isArray(r) ? [...r] : columns.map((c) => (r as Record<string, unknown>)[c])));
  const unparsed = Papa.unparse({ fields: [...columns], data }, { delimiter, newline: "\r\n", header: true, quotes: false, escapeFormulae: false });
  // With no row papaparse ends the header line; lines are separated here, as when there are rows.
  const text = data.length ? unparsed : unparsed.replace(/\r\n$/, "");
  return `${bom ? "\uFEFF" : ""}${text}${finalNewline ? "\r\n" : ""}`;
}

export interface CsvReadOptions {
  /** Field separator; guessed from the first lines when not given (`,`, `;`, tab…). */
  delimiter?: string;
}

/**
 * Records of a CSV text with a header line (a leading byte-order mark is dropped, blank lines
 * skipped); values are the text as written. `errors` are papaparse's, each with its `row`
 * (0 = the first line after the header) for the caller's report.
 */
export function readCsv(text: string, { delimiter }: CsvReadOptions = {}): Papa.ParseResult<Record<string, string>> {
  return Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: "greedy", delimiter });
}

/**
 * Reads a CSV text with a header line record by record, without building every record first (a
 * large import keeps only what `onRecord` keeps). `line` is the record's first line in the file
 * (the header is line 1). Returns the header's fields and papaparse's errors.
 */
export function eachCsvRecord(
  text: string,
  onRecord: (record: Record<string, string>, line: number) => void,
  { delimiter }: CsvReadOptions = {},
): { fields: string[]; errors: Papa.ParseError[] } {
  let fields: string[] = [];
  const errors: Papa.ParseError[] = [];
  let index = 0;
  Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: "greedy",
    delimiter,
    step: (result) => {
      fields = result.meta.fields ?? fields;
      for (const e of result.errors) errors.push({ ...e, row: index });
      onRecord(result.data, index + 2);
      index++;
    },
  });
  return { fields, errors };
}
