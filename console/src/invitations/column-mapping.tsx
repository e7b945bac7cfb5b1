import { CSV_COLUMNS, CSV_IGNORE, type CsvColumnMapping, type CsvColumnsReport } from "@switchboard/shared";

type Choice = CsvColumnMapping[number];
const CHOICES: readonly Choice[] = [...CSV_COLUMNS, CSV_IGNORE];
const LABEL: Record<Choice, string> = {
  name: "Name",
  email: "E-mail",
  phone: "Phone",
  roles: "Roles",
  teams: "Teams",
  ignore: "Ignore this column",
};

/** The mapping the server's reading implies: each header cell's column, or "ignore". */
export const mappingOf = (columns: CsvColumnsReport): CsvColumnMapping => columns.map((c) => c.column ?? CSV_IGNORE);

/**
 * The column-mapping step: the server reads the header (synonyms such as "Full Name" or "Mobile"),
 * and the uploader confirms or corrects what each column is. The console parses no CSV itself; a
 * change is sent back with the file and the dry run runs again.
 */
export function ColumnMapping({ columns, mapping, onChange }: { columns: CsvColumnsReport; mapping: CsvColumnMapping | undefined; onChange: (next: CsvColumnMapping) => void }) {
  const current = mapping ?? mappingOf(columns);
  return (
    <fieldset className="field column-mapping" data-testid="csv-columns">
      <legend className="field-label">Columns in your file</legend>
      {columns.map((column, i) => (
        <label key={`${i}-${column.header}`} className="column-mapping__row">
          <span className="column-mapping__header">{column.header || `Column ${i + 1}`}</span>
          <select
            data-testid={`csv-column-${i}`}
            value={current[i] ?? CSV_IGNORE}
            onChange={(e) => onChange(current.map((value, j) => (j === i ? (e.target.value as Choice) : value)))}
          >
            {CHOICES.map((option) => (
              <option key={option} value={option}>
                {LABEL[option]}
              </option>
            ))}
          </select>
        </label>
      ))}
    </fieldset>
  );
}
