import { useId, useState } from "react";
import { Options } from "../ui/options";
import { useMemberSearch } from "./use-member-search";

interface MemberPickerProps {
  label: string;
  /** The chosen userId, "" for none. */
  value: string;
  onChange: (userId: string) => void;
  /** The label of the "" choice ("Unassigned", "Anyone"…). */
  noneLabel: string;
  testId: string;
}

/**
 * Picks one member out of any number: a search box asks the server, the list offers the matches
 * as "name — e-mail" (two people may share a name), and a line says when there are more than shown.
 */
export function MemberPicker({ label, value, onChange, noneLabel, testId }: MemberPickerProps) {
  const id = useId();
  const [search, setSearch] = useState("");
  const { choices, total, shown } = useMemberSearch(search, value);
  return (
    <div className="field member-picker">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input
        type="search"
        className="search"
        aria-label={`Find ${label.toLowerCase()} by name or e-mail`}
        placeholder="Find by name or e-mail"
        data-testid={`${testId}-search`}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <select id={id} data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
        <Options blank={noneLabel} choices={choices.map((m) => ({ value: m.userId, label: m.email ? `${m.name} — ${m.email}` : m.name }))} />
      </select>
      <span className="field-hint" data-testid={`${testId}-count`}>
        {total > shown ? `${shown} of ${total} members shown; type to narrow.` : `${total} ${total === 1 ? "member" : "members"}.`}
      </span>
    </div>
  );
}
