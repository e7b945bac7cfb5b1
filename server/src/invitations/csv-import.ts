import { parse, CsvError } from "csv-parse/sync";
import {
  CSV_IMPORT_LIMITS,
  CSV_IGNORE,
  CSV_REQUIRED_COLUMNS,
  csvInviteRowSchema,
  guessCsvColumn,
  type CsvColumn,
  type CsvColumnMapping,
  type CsvColumnsReport,
  toFieldIssues,
  type CsvImportFields,
  type Role,
} from "@switchboard/shared";
import { AppError } from "../http/app-error.js";
import type { WorkspaceTeams } from "../members/workspace-teams.js";
import type { InviteRow } from "./invitations.service.js";

/*
 * CSV rules (DESIGN.md §7, issue 3), decided here:
 * - UTF-8 with or without BOM; anything else is refused as a whole.
 * - The header names the columns (any order, any case): name, email, optional phone,
 *   roles, teams, or a common synonym ("Full Name", "E-mail Address", "Mobile"; shared's
 *   CSV_COLUMN_SYNONYMS). A column matching none is refused unless the uploader's column mapping
 *   says what it is or to ignore it, so a misspelt "emial" is not silently dropped. The refusal
 *   carries how the header was read (`details.columns`), where the console's mapping step starts.
 * - The delimiter is whichever of `;` and `,` the header line uses more.
 * - Empty lines (and lines of only delimiters) are skipped.
 * - `roles`/`teams` cells list values separated by `|`; teams by name or id. A filled cell
 *   replaces the file-wide choice for that row, still within what the uploader may grant.
 * - A row repeating an earlier row's e-mail is reported `already_invited` ("Duplicate of row N").
 * - `row` in the report is the row's line number in the file (the header is line 1).
 */

const fileError = (message: string, columns?: CsvColumnsReport) =>
  new AppError("VALIDATION_FAILED", message, { issues: [{ path: "file", message }], ...(columns ? { columns } : {}) });

function decodeUtf8(file: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(file);
  } catch {
    throw fileError("The file must be UTF-8 text (save it as \"CSV UTF-8\").");
  }
  return text.startsWith("\uFEFF") ? text.slice(1) : text;
}

function detectDelimiter(text: string): ";" | "," {
  const header = text.split(/\r?\n/).find((line) => line.trim() !== "") ?? "";
  const count = (char: string) => header.split(char).length - 1;
  return count(";") > count(",") ? ";" : ",";
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

function parseRecords(text: string): ParsedRecord[] {
  try {
    return parse(text, { delimiter: detectDelimiter(text), skip_empty_lines: true, relax_column_count: true, relax_quotes: true, info: true }) as unknown as ParsedRecord[];
  } catch (err) {
    if (err instanceof CsvError) throw fileError(`The file is not valid CSV: ${err.message}`);
    throw err;
  }
}

/** Each header cell's column (null: ignored), from the uploader's mapping or the synonyms. */
function readHeader(cells: string[], mapping: CsvColumnMapping | undefined): (CsvColumn | null)[] {
  if (mapping && mapping.length !== cells.length) {
    throw fileError(`The column mapping names ${mapping.length} columns but the file has ${cells.length}; choose the file again.`);
  }
  const header = cells.map((cell, i) => {
    const chosen = mapping?.[i];
    return chosen === CSV_IGNORE ? null : (chosen ?? guessCsvColumn(cell));
  });
  const report: CsvColumnsReport = cells.map((cell, i) => ({ header: cell.trim(), column: header[i] ?? null }));
  const unknown = cells.filter((cell, i) => header[i] === null && mapping?.[i] !== CSV_IGNORE && cell.trim() !== "");
  if (unknown.length > 0) {
    throw fileError(`Unknown column(s): ${unknown.map((c) => c.trim()).join(", ")}. Say which column each one is, or ignore it.`, report);
  }
  const missing = CSV_REQUIRED_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length > 0) throw fileError(`The header row must name the columns ${CSV_REQUIRED_COLUMNS.join(", ")}; missing: ${missing.join(", ")}.`, report);
  const repeated = header.filter((column, i) => column !== null && header.indexOf(column) !== i);
  if (repeated.length > 0) throw fileError(`Column(s) named twice: ${[...new Set(repeated)].join(", ")}.`, report);
  return header;
}

function toRow(line: number, header: (CsvColumn | null)[], cells: string[], defaults: CsvImportFields, teams: WorkspaceTeams): InviteRow {
  const cell = (column: CsvColumn) => cells[header.indexOf(column)]?.trim() ?? "";
  const invalid = (reason: string): InviteRow => ({ row: line, email: cell("email"), status: "invalid", reason });
  if (cells.length !== header.length) return invalid(`Expected ${header.length} cells, found ${cells.length}.`);
  const parsed = csvInviteRowSchema.safeParse(Object.fromEntries(header.flatMap((column, i) => (column ? [[column, cells[i]]] : []))));
  if (!parsed.success) {
    return invalid(toFieldIssues(parsed.error).map((issue) => `${issue.path}: ${issue.message}`).join("; "));
  }
  const row = parsed.data;
  const roles: Role[] | undefined = row.roles ? [...new Set(row.roles)] : defaults.roles;
  if (!roles) return invalid("No roles: choose roles for the whole file or fill the roles column.");
  let teamIds = defaults.teams;
  if (row.teams) {
    const unknown = row.teams.filter((team) => !teams.find(team));
    if (unknown.length > 0) return invalid(`Unknown team(s): ${unknown.join(", ")}.`);
    teamIds = [...new Set(row.teams.map((team) => teams.find(team)!))];
  }
  if (!teamIds) return invalid("No teams: choose teams for the whole file or fill the teams column.");
  return { row: line, name: row.name, email: row.email, ...(row.phone ? { phone: row.phone } : {}), roles, teams: teamIds };
}

/**
 * Turns an uploaded file into invitation rows (rows that fail their schema come back already
 * decided: invalid) and says how its header was read.
 */
export function parseInviteCsv(file: Buffer, defaults: CsvImportFields, teams: WorkspaceTeams): { rows: InviteRow[]; columns: CsvColumnsReport } {
  const records = parseRecords(decodeUtf8(file));
  const [headerRecord, ...data] = records;
  if (!headerRecord) throw fileError("The file is empty.");
  const header = readHeader(headerRecord.record, defaults.columns);
  const columns: CsvColumnsReport = headerRecord.record.map((cell, i) => ({ header: cell.trim(), column: header[i] ?? null }));
  const rows = data.filter(({ record }) => record.some((cell) => cell.trim() !== ""));
  if (rows.length === 0) throw fileError("The file has a header but no rows.");
  if (rows.length > CSV_IMPORT_LIMITS.maxRows) {
    throw new AppError("PAYLOAD_TOO_LARGE", `The file has ${rows.length} rows; at most ${CSV_IMPORT_LIMITS.maxRows.toLocaleString("en")} are allowed per import.`);
  }
  return { rows: rows.map(({ record, info }) => toRow(info.lines, header, record, defaults, teams)), columns };
}
