export interface Choice {
  value: string;
  label: string;
}

/** A <select>'s options: first the empty choice ("Anyone", "No team": value ""), then the list. */
export function Options({ blank, choices }: { blank: string; choices: readonly Choice[] }) {
  return (
    <>
      <option value="">{blank}</option>
      {choices.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
    </>
  );
}
