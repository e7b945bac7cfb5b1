import type { Member, MemberPatch, Role } from "@switchboard/shared";
import { ApiError } from "../lib/api";
import { fieldErrorsOf, type FieldErrors } from "../lib/field-issues";

/** The editor's inputs as typed: lists are comma-separated text until sent. */
export interface MemberDraft {
  email: string;
  firstName: string;
  lastName: string;
  username: string;
  phone: string;
  location: string;
  skills: string;
  languages: string;
  roles: Role[];
  teams: string[];
}

export const PROFILE_TEXT_FIELDS = ["email", "firstName", "lastName", "username", "phone", "location"] as const;
export type ProfileTextField = (typeof PROFILE_TEXT_FIELDS)[number];

const listText = (items: readonly string[]) => items.join(", ");
const listOfText = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

export function draftOf(member: Member): MemberDraft {
  return {
    email: member.email,
    firstName: member.firstName,
    lastName: member.lastName,
    username: member.username ?? "",
    phone: member.phone ?? "",
    location: member.location ?? "",
    skills: listText(member.skills),
    languages: listText(member.languages),
    roles: [...member.roles],
    teams: [...member.teams],
  };
}

/**
 * Only what changed, so a profile edit never re-sends roles (which the editor may not be
 * allowed to touch) and the audit log records real changes only. Empty when nothing changed.
 */
export function patchOf(member: Member, draft: MemberDraft): MemberPatch {
  const before = draftOf(member);
  const profile: NonNullable<MemberPatch["profile"]> = {};
  for (const field of PROFILE_TEXT_FIELDS) {
    if (draft[field].trim() !== before[field].trim()) profile[field] = draft[field].trim();
  }
  const skills = listOfText(draft.skills);
  if (!sameList(skills, member.skills)) profile.skills = skills;
  const languages = listOfText(draft.languages);
  if (!sameList(languages, member.languages)) profile.languages = languages;
  const patch: MemberPatch = {};
  if (Object.keys(profile).length > 0) patch.profile = profile;
  if (!sameSet(draft.roles, member.roles)) patch.roles = draft.roles;
  if (!sameList(draft.teams, member.teams)) patch.teams = draft.teams;
  return patch;
}

/** Rule errors carry no field path; they belong next to the control whose change broke the rule. */
const FIELD_OF_CODE: Partial<Record<string, string>> = {
  ROLE_CEILING: "roles",
  LAST_ADMIN: "roles",
  SELF_ACCESS_CHANGE: "roles",
};

/** Server errors keyed by editor field ("profile.email" → "email"); `(form)` holds what fits no field. */
export function editorErrorsOf(error: unknown, patch: MemberPatch): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, message] of Object.entries(fieldErrorsOf(error))) {
    const key = path.replace(/^profile\./, "").split(".")[0]!;
    out[key] ??= message;
  }
  if (Object.keys(out).length > 0 || !(error instanceof ApiError)) return out;
  let field = FIELD_OF_CODE[error.code];
  if (error.code === "CONFLICT" && patch.profile?.email) field = "email";
  // A FORBIDDEN on a teams-only change is about the teams.
  if (error.code === "FORBIDDEN" && patch.teams && !patch.roles && !patch.profile) field = "teams";
  out[field ?? "(form)"] = error.message;
  return out;
}
