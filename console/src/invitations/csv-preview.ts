import { CSV_OPTIONAL_COLUMNS, CSV_REQUIRED_COLUMNS, csvInviteRowSchema } from "@switchboard/shared";

export interface CsvPreviewRow {
  /** 1-based line in the file, header included, so it matches what a spreadsheet shows. */
  line: number;
  name: string;
  email: string;
  phone: string;
  problem: string | null;
}

export interface CsvPreview {
  rows: CsvPreviewRow[];
  /** A problem with the file as a whole (no header, missing columns). */
  fileProblem: string | null;
  /** Rows may name their own roles/teams; then the file-wide choice is only a fallback. */
  hasRolesColumn: boolean;
  hasTeamsColumn: boolean;
}

const KNOWN_COLUMNS: readonly string[] = [...CSV_REQUIRED_COLUMNS, ...CSV_OPTIONAL_COLUMNS];

/** Splits one line on the delimiter, honouring "quoted, fields" and "" escapes. */
function splitLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell.trim() === "") {
      quoted = true;
      cell = "";
    } else if (ch === delimiter) {
      cells.push(cell.trim());
      cell = "";
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

/**
 * A quick local look before uploading; the server parses the file again and its report
 * is what counts. Each row is checked with the same shared schema the server uses.
 * Quoted fields spanning several lines are not previewed.
 */
export function previewCsv(text: string): CsvPreview {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  const header = lines[0] ?? "";
  const delimiter = (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ";" : ",";
  const columns = splitLine(header, delimiter).map((c) => c.toLowerCase());
  const empty = { rows: [], hasRolesColumn: false, hasTeamsColumn: false };
  const missing = CSV_REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length) return { ...empty, fileProblem: `The first row must name the columns: ${KNOWN_COLUMNS.join(", ")} (missing ${missing.join(", ")}).` };

  const rows: CsvPreviewRow[] = [];
  lines.slice(1).forEach((raw, i) => {
    if (!raw.trim()) return;
    const cells = splitLine(raw, delimiter);
    const record: Record<string, string> = {};
    columns.forEach((column, at) => {
      if (KNOWN_COLUMNS.includes(column)) record[column] = cells[at] ?? "";
    });
    const parsed = csvInviteRowSchema.safeParse(record);
    const issue = parsed.success ? null : parsed.error.issues[0];
    rows.push({
      line: i + 2,
      name: record.name ?? "",
      email: record.email ?? "",
      phone: record.phone ?? "",
      problem: issue ? `${issue.path.join(".") || "row"}: ${issue.message}` : null,
    });
  });
  return {
    rows,
    fileProblem: rows.length ? null : "The file has no rows under its header.",
    hasRolesColumn: columns.includes("roles"),
    hasTeamsColumn: columns.includes("teams"),
  };
}
