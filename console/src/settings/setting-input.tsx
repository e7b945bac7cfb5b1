import type { SettingsField } from "@switchboard/shared";
import { SETTING_META } from "./settings-fields";

interface SettingInputProps {
  field: SettingsField;
  value: unknown;
  onChange: (value: unknown) => void;
  disabled: boolean;
  /** `setting-<field>-input`; compound inputs add a suffix (`-name`, `-number`, `-0-number`…). */
  testId: string;
  invalid: boolean;
}

/** Free text where an empty box means "not set". */
const textOrNull = (raw: string): string | null => (raw.trim() === "" ? null : raw);

/** The input for one field, by its kind. Values stay in the API's shapes; the schema checks them on save. */
export function SettingInput({ field, value, onChange, disabled, testId, invalid }: SettingInputProps) {
  const meta = SETTING_META[field];
  const common = { disabled, "aria-invalid": invalid ? true : undefined, "aria-label": meta.label } as const;
  switch (meta.kind) {
    case "toggle":
      return (
        <label className="switch">
          <input type="checkbox" role="switch" data-testid={testId} checked={value === true} onChange={(e) => onChange(e.target.checked)} {...common} />
          <span className="switch-track" aria-hidden="true" />
          <span className="switch-text">{value === true ? "On" : "Off"}</span>
        </label>
      );
    case "choice":
      return (
        <select
          data-testid={testId}
          value={String(value)}
          onChange={(e) => {
            const option = meta.options?.find((o) => String(o.value) === e.target.value);
            onChange(option ? option.value : e.target.value);
          }}
          {...common}
        >
          {meta.options?.map((o) => (
            <option key={String(o.value)} value={String(o.value)}>
              {o.label}
            </option>
          ))}
        </select>
      );
    case "text":
    case "phoneNumber":
      return (
        <input
          data-testid={testId}
          inputMode={meta.kind === "phoneNumber" ? "tel" : undefined}
          placeholder={meta.placeholder}
          value={typeof value === "string" ? value : ""}
          onChange={(e) => onChange(textOrNull(e.target.value))}
          {...common}
        />
      );
    case "autoAnswer":
      return <AutoAnswerInput value={value as number | null} onChange={onChange} testId={testId} common={common} />;
    case "callerId":
      return <CallerIdInput value={value as { name: string; number: string } | null} onChange={onChange} testId={testId} common={common} />;
    case "localPresence":
      return <LocalPresenceInput rows={(value as { countryCode: string; number: string }[]) ?? []} onChange={onChange} testId={testId} common={common} />;
    case "voicemailDrop":
      return <VoicemailDropInput value={value as { enabled: boolean; recordingId: string | null }} onChange={onChange} testId={testId} common={common} />;
  }
}

interface CompoundProps<T> {
  onChange: (value: unknown) => void;
  testId: string;
  common: { disabled: boolean; "aria-invalid"?: true; "aria-label": string };
  value: T;
}

/** Seed 000: auto answer is off, or on after 0–60 s of ringing. */
function AutoAnswerInput({ value, onChange, testId, common }: CompoundProps<number | null>) {
  const on = value !== null;
  return (
    <span className="inline-inputs">
      <select data-testid={`${testId}-mode`} value={on ? "on" : "off"} onChange={(e) => onChange(e.target.value === "on" ? 10 : null)} {...common}>
        <option value="off">Off</option>
        <option value="on">After</option>
      </select>
      {on ? (
        <>
          <input
            type="number"
            className="input-seconds"
            min={0}
            max={60}
            data-testid={testId}
            value={Number.isNaN(value) ? "" : value}
            onChange={(e) => onChange(e.target.valueAsNumber)}
            {...common}
            aria-label="Seconds of ringing before auto answer"
          />
          <span className="muted">seconds</span>
        </>
      ) : null}
    </span>
  );
}

function CallerIdInput({ value, onChange, testId, common }: CompoundProps<{ name: string; number: string } | null>) {
  const name = value?.name ?? "";
  const number = value?.number ?? "";
  const set = (next: { name: string; number: string }) => onChange(next.name.trim() === "" && next.number.trim() === "" ? null : next);
  return (
    <span className="inline-inputs">
      <input data-testid={`${testId}-name`} placeholder="Name" value={name} onChange={(e) => set({ name: e.target.value, number })} {...common} aria-label="Caller ID name" />
      <input data-testid={`${testId}-number`} placeholder="+14155550123" value={number} onChange={(e) => set({ name, number: e.target.value })} {...common} aria-label="Caller ID number" />
    </span>
  );
}

function LocalPresenceInput({ rows, onChange, testId, common }: Omit<CompoundProps<never>, "value"> & { rows: { countryCode: string; number: string }[] }) {
  const update = (index: number, patch: Partial<{ countryCode: string; number: string }>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <div className="stacked-inputs" data-testid={testId}>
      {rows.map((row, index) => (
        <span className="inline-inputs" key={index}>
          <span className="prefix">+</span>
          <input
            className="input-cc"
            data-testid={`${testId}-${index}-cc`}
            placeholder="44"
            value={row.countryCode}
            onChange={(e) => update(index, { countryCode: e.target.value })}
            {...common}
            aria-label="Country calling code"
          />
          <input data-testid={`${testId}-${index}-number`} placeholder="+442071838750" value={row.number} onChange={(e) => update(index, { number: e.target.value })} {...common} aria-label="Caller number" />
          <button type="button" className="btn btn-ghost btn-small" disabled={common.disabled} onClick={() => onChange(rows.filter((_, i) => i !== index))} aria-label="Remove number">
            ×
          </button>
        </span>
      ))}
      <button type="button" className="btn btn-link btn-small" data-testid={`${testId}-add`} disabled={common.disabled} onClick={() => onChange([...rows, { countryCode: "", number: "" }])}>
        + Add country
      </button>
    </div>
  );
}

function VoicemailDropInput({ value, onChange, testId, common }: CompoundProps<{ enabled: boolean; recordingId: string | null }>) {
  const drop = value ?? { enabled: false, recordingId: null };
  return (
    <span className="inline-inputs">
      <label className="switch">
        <input type="checkbox" role="switch" data-testid={`${testId}-enabled`} checked={drop.enabled} onChange={(e) => onChange({ ...drop, enabled: e.target.checked })} {...common} />
        <span className="switch-track" aria-hidden="true" />
      </label>
      {drop.enabled ? (
        <input
          data-testid={`${testId}-recording`}
          placeholder="Recording id"
          value={drop.recordingId ?? ""}
          onChange={(e) => onChange({ ...drop, recordingId: textOrNull(e.target.value) })}
          {...common}
          aria-label="Recording to drop"
        />
      ) : null}
    </span>
  );
}
