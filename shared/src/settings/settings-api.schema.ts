import { z } from "zod";
import { objectIdSchema } from "../members/common.schema.js";
import { teamNameSchema } from "../members/team.schema.js";
import {
  effectiveSettingsSchema,
  SETTINGS_FIELDS,
  settingsLocksSchema,
  settingsOverridesSchema,
  type SettingsField,
} from "./settings.schema.js";

const uniqueLocksSchema = settingsLocksSchema.transform((locks) => [...new Set(locks)]);
const originSchema = z.union([z.enum(["default", "workspace", "user"]), z.templateLiteral(["team:", z.string()])]);
const perField = <T extends z.ZodType>(value: T) =>
  z.object(Object.fromEntries(SETTINGS_FIELDS.map((field) => [field, value])) as Record<SettingsField, T>);

export const awayReasonsSchema = z
  .array(z.string().trim().min(1, "Required").max(40))
  .max(30)
  .refine((reasons) => new Set(reasons.map((r) => r.toLowerCase())).size === reasons.length, "Each away reason once");

/** PUT /workspaces/:ws/settings. `settings` replaces the workspace's defaults; omitted locks or reasons stay as they are. */
export const workspaceSettingsBodySchema = z.strictObject({
  settings: settingsOverridesSchema,
  locks: uniqueLocksSchema.optional(),
  awayReasons: awayReasonsSchema.optional(),
});
export type WorkspaceSettingsBody = z.infer<typeof workspaceSettingsBodySchema>;

export const workspaceSettingsSchema = z.object({
  settings: settingsOverridesSchema,
  locks: settingsLocksSchema,
  awayReasons: z.array(z.string()),
  /** What a field falls back to when no level sets it. */
  defaults: effectiveSettingsSchema,
});
export type WorkspaceSettings = z.infer<typeof workspaceSettingsSchema>;

/** PATCH /workspaces/:ws/teams/:id. `settings` replaces the team's overrides (an omitted field is inherited). */
export const teamPatchSchema = z.strictObject({
  name: teamNameSchema.optional(),
  settings: settingsOverridesSchema.optional(),
  locks: uniqueLocksSchema.optional(),
});
export type TeamPatch = z.infer<typeof teamPatchSchema>;

export const teamSchema = z.object({
  id: objectIdSchema,
  name: z.string(),
  memberCount: z.number().int(),
  settings: settingsOverridesSchema,
  locks: settingsLocksSchema,
});
export type Team = z.infer<typeof teamSchema>;

/** PUT /workspaces/:ws/members/:userId/settings. `overrides` replaces the member's overrides. */
export const memberSettingsBodySchema = z.strictObject({
  overrideDockSettings: z.boolean().optional(),
  overrides: settingsOverridesSchema,
});
export type MemberSettingsBody = z.infer<typeof memberSettingsBodySchema>;

const resolvedSchema = z.object({
  values: effectiveSettingsSchema,
  origins: perField(originSchema),
  locked: perField(z.enum(["workspace", "team"]).nullable()),
});

export const memberSettingsSchema = resolvedSchema.extend({
  userId: objectIdSchema,
  primaryTeam: z.object({ id: objectIdSchema, name: z.string() }).nullable(),
  overrides: settingsOverridesSchema,
  overrideDockSettings: z.boolean(),
  /** What each field would be without the member's own overrides (shown beside an overridden field). */
  inherited: resolvedSchema.pick({ values: true, origins: true }),
});
export type MemberSettings = z.infer<typeof memberSettingsSchema>;
