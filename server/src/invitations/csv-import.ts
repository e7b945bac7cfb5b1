import { parse, CsvError } from "csv-parse/sync";
import {
  CSV_IMPORT_LIMITS,
  CSV_OPTIONAL_COLUMNS,
  CSV_REQUIRED_COLUMNS,
  csvInviteRowSchema,
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
 *   roles, teams. Unknown columns are refused, so a misspelt "emial" is not silently ignored.
 * - The delimiter is whichever of `;` and `,` the header line uses more.
 * - Empty lines (and lines of only delimiters) are skipped.
 * - `roles`/`teams` cells list values separated by `|`; teams by name or id. A filled cell
 *   replaces the file-wide choice for that row, still within what the uploader may grant.
 * - A row repeating an earlier row's e-mail is reported `already_invited` ("Duplicate of row N").
 * - `row` in the report is the row's line number in the file (the header is line 1).
 */

const KNOWN_COLUMNS: readonly string[] = [...CSV_REQUIRED_COLUMNS, ...CSV_OPTIONAL_COLUMNS];

const fileError = (message: string) => new AppError("VALIDATION_FAILED", message, { issues: [{ path: "file", message }] });

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

function readHeader(cells: string[]): string[] {
  const header = cells.map((cell) => cell.trim().toLowerCase());
  const missing = CSV_REQUIRED_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length > 0) throw fileError(`The header row must name the columns ${CSV_REQUIRED_COLUMNS.join(", ")}; missing: ${missing.join(", ")}.`);
  const unknown = header.filter((column) => !KNOWN_COLUMNS.includes(column));
  if (unknown.length > 0) throw fileError(`Unknown column(s): ${unknown.join(", ")}. Allowed: ${KNOWN_COLUMNS.join(", ")}.`);
  const repeated = header.filter((column, i) => header.indexOf(column) !== i);
  if (repeated.length > 0) throw fileError(`Column(s) named twice: ${repeated.join(", ")}.`);
  return header;
}

function toRow(line: number, header: string[], cells: string[], defaults: CsvImportFields, teams: WorkspaceTeams): InviteRow {
  const cell = (column: string) => cells[header.indexOf(column)]?.trim() ?? "";
  const invalid = (reason: string): InviteRow => ({ row: line, email: cell("email"), status: "invalid", reason });
  if (cells.length !== header.length) return invalid(`Expected ${header.length} cells, found ${cells.length}.`);
  const parsed = csvInviteRowSchema.safeParse(Object.fromEntries(header.map((column, i) => [column, cells[i]])));
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

/** Turns an uploaded file into invitation rows; rows that fail their schema come back already decided (invalid). */
export function parseInviteCsv(file: Buffer, defaults: CsvImportFields, teams: WorkspaceTeams): InviteRow[] {
  const records = parseRecords(decodeUtf8(file));
  const [headerRecord, ...data] = records;
  if (!headerRecord) throw fileError("The file is empty.");
  const header = readHeader(headerRecord.record);
  const rows = data.filter(({ record }) => record.some((cell) => cell.trim() !== ""));
  if (rows.length === 0) throw fileError("The file has a header but no rows.");
  if (rows.length > CSV_IMPORT_LIMITS.maxRows) {
    throw new AppError("PAYLOAD_TOO_LARGE", `The file has ${rows.length} rows; at most ${CSV_IMPORT_LIMITS.maxRows.toLocaleString("en")} are allowed per import.`);
  }
  return rows.map(({ record, info }) => toRow(info.lines, header, record, defaults, teams));
}
