import { AuditAction, type AuditFilter } from "@switchboard/shared";
import { MemberPicker } from "../members/member-picker";
import { Options } from "../ui/options";

/** Every action the server records (shared's one list), as the filter offers them. */
const ACTIONS = Object.values(AuditAction);
const TARGET_TYPES = ["member", "invitation", "team", "queue", "workspace", "contact"] as const;

/** "member.roles_changed" → "Member roles changed"; the stable name stays in the tooltip. */
export const actionLabel = (action: string) => {
  const words = action.replace(/[._]/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** Day inputs hold YYYY-MM-DD in the reader's time zone; the server gets the instants that day starts and ends. */
export interface AuditFilterForm {
  actorId: string;
  action: string;
  targetType: string;
  fromDay: string;
  toDay: string;
}
export const EMPTY_FILTER: AuditFilterForm = { actorId: "", action: "", targetType: "", fromDay: "", toDay: "" };

const startOfLocalDay = (day: string, plusDays = 0) => {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(y!, m! - 1, d! + plusDays).toISOString();
};

export function toAuditFilter(form: AuditFilterForm): AuditFilter {
  return {
    ...(form.actorId ? { actorId: form.actorId } : {}),
    // The select offers only AuditAction values.
    ...(form.action ? { action: form.action as AuditAction } : {}),
    ...(form.targetType ? { targetType: form.targetType } : {}),
    ...(form.fromDay ? { from: startOfLocalDay(form.fromDay) } : {}),
    // "To" includes the chosen day: the bound is the start of the next one.
    ...(form.toDay ? { to: startOfLocalDay(form.toDay, 1) } : {}),
  };
}

export function AuditFilters({ value, onChange }: { value: AuditFilterForm; onChange: (next: AuditFilterForm) => void }) {
  const set = (key: keyof AuditFilterForm) => (e: { target: { value: string } }) => onChange({ ...value, [key]: e.target.value });
  return (
    <div className="toolbar" role="search" aria-label="Filter the audit log">
      <MemberPicker label="Who" noneLabel="Anyone" testId="audit-filter-actor" value={value.actorId} onChange={(actorId) => onChange({ ...value, actorId })} />
      <label className="field">
        <span className="field-label">Action</span>
        <select value={value.action} onChange={set("action")} data-testid="audit-filter-action">
          <Options blank="Any action" choices={ACTIONS.map((a) => ({ value: a, label: actionLabel(a) }))} />
        </select>
      </label>
      <label className="field">
        <span className="field-label">Target</span>
        <select value={value.targetType} onChange={set("targetType")} data-testid="audit-filter-target">
          <Options blank="Anything" choices={TARGET_TYPES.map((t) => ({ value: t, label: actionLabel(t) }))} />
        </select>
      </label>
      <label className="field">
        <span className="field-label">From</span>
        <input type="date" value={value.fromDay} onChange={set("fromDay")} data-testid="audit-filter-from" />
      </label>
      <label className="field">
        <span className="field-label">To</span>
        <input type="date" value={value.toDay} onChange={set("toDay")} data-testid="audit-filter-to" />
      </label>
    </div>
  );
}
