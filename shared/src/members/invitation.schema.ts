import { z } from "zod";
import { roleSchema } from "../permissions/roles.js";
import { emailSchema, objectIdSchema, pagingQuerySchema, personNameSchema } from "./common.schema.js";
import { phoneNumberSchema } from "../phone/phone-number.schema.js";
import { rolesSchema, teamIdsSchema } from "./member.schema.js";
import { publicUserSchema } from "./user.schema.js";
import { csvColumnMappingSchema, csvColumnsReportSchema } from "./csv-columns.js";

export const INVITATION_TTL_DAYS = 7;
export const CSV_IMPORT_LIMITS = Object.freeze({ maxRows: 10_000, maxBytes: 5 * 1024 * 1024 });

export const inviteeSchema = z.strictObject({
  name: personNameSchema,
  email: emailSchema,
  phone: phoneNumberSchema.optional(),
  /** This person's own roles and teams (seed 001); absent, the batch's apply. */
  roles: rolesSchema.optional(),
  teams: teamIdsSchema.optional(),
});
export type Invitee = z.infer<typeof inviteeSchema>;

/** The batch's roles and teams apply to every row without its own; each row must end up with both. */
export const inviteBodySchema = z
  .strictObject({
    invitees: z.array(inviteeSchema).min(1).max(100),
    roles: rolesSchema.optional(),
    teams: teamIdsSchema.optional(),
  })
  .superRefine((body, ctx) => {
    body.invitees.forEach((invitee, i) => {
      if (!invitee.roles && !body.roles) ctx.addIssue({ code: "custom", path: ["invitees", i, "roles"], message: "Pick a role for this person or for everyone" });
      if (!invitee.teams && !body.teams) ctx.addIssue({ code: "custom", path: ["invitees", i, "teams"], message: "Pick a team for this person or for everyone" });
    });
  });
export type InviteBody = z.infer<typeof inviteBodySchema>;

/** `PATCH …/invitations/:id`: a pending invitation's roles and teams, changed before it is accepted. */
export const invitationPatchSchema = z
  .strictObject({ roles: rolesSchema.optional(), teams: teamIdsSchema.optional() })
  .refine((body) => body.roles !== undefined || body.teams !== undefined, "Change the roles, the teams or both");
export type InvitationPatch = z.infer<typeof invitationPatchSchema>;

export const InviteResultStatus = Object.freeze({
  invited: "invited",
  alreadyMember: "already_member",
  alreadyInvited: "already_invited",
  invalid: "invalid",
} as const);
export type InviteResultStatus = (typeof InviteResultStatus)[keyof typeof InviteResultStatus];

export const inviteResultSchema = z.object({
  row: z.number().int().optional(),
  email: z.string(),
  status: z.enum(InviteResultStatus),
  reason: z.string().optional(),
  invitationId: objectIdSchema.optional(),
});
export type InviteResult = z.infer<typeof inviteResultSchema>;
export const inviteReportSchema = z.object({
  results: z.array(inviteResultSchema),
  /** A CSV import: how the header was read (the console's column-mapping step starts from it). */
  columns: csvColumnsReportSchema.optional(),
});

export const InvitationStatus = Object.freeze({
  pending: "pending",
  accepted: "accepted",
  cancelled: "cancelled",
  expired: "expired",
} as const);
export type InvitationStatus = (typeof InvitationStatus)[keyof typeof InvitationStatus];

export const invitationSchema = z.object({
  id: objectIdSchema,
  name: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  roles: z.array(roleSchema),
  teams: z.array(objectIdSchema),
  link: z.string(),
  createdAt: z.string(),
  /** Last time the e-mail went out (creation or resend). */
  sentAt: z.string(),
  expiresAt: z.string(),
  status: z.enum(InvitationStatus),
});
export type Invitation = z.infer<typeof invitationSchema>;

/** Tokens are 256-bit random values, base64url: 43 characters. */
export const invitationTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "Malformed invitation token");

/** Pending invitations, newest first; `q` finds a name or e-mail (contains, case-insensitive). */
export const invitationListQuerySchema = pagingQuerySchema.extend({ q: z.string().trim().max(100).optional() });
export type InvitationListQuery = z.infer<typeof invitationListQuerySchema>;

/**
 * Multipart fields arrive as strings: either one JSON array (`["agent"]`) or the
 * field repeated once per value (`roles=agent&roles=viewer`).
 */
const multipartList = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => {
    if (typeof value !== "string") return value;
    const text = value.trim();
    if (!text.startsWith("[")) return [text];
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return value;
    }
  }, schema);

/** File-wide choices of a CSV import; a row's own `roles`/`teams` cells override them. */
export const csvImportFieldsSchema = z.strictObject({
  roles: multipartList(rolesSchema).optional(),
  teams: multipartList(teamIdsSchema).optional(),
  /** The column-mapping step's choice, one entry per header cell; absent: guessed from the synonyms. */
  columns: multipartList(csvColumnMappingSchema).optional(),
});
export type CsvImportFields = z.infer<typeof csvImportFieldsSchema>;

/** Chosen by the uploading console (random), so it can poll the import's progress while the upload request runs. */
export const importProgressIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "8 to 64 letters, digits, - or _");

export const csvImportQuerySchema = z.strictObject({
  dryRun: z.enum(["true", "false"]).default("false").transform((value) => value === "true"),
  progressId: importProgressIdSchema.optional(),
});

/** `GET …/invitations/import-progress/:progressId`: rows decided (and, outside a dry run, stored) so far. */
export const importProgressSchema = z.object({
  id: importProgressIdSchema,
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  state: z.enum(["running", "done", "failed"]),
});
export type ImportProgress = z.infer<typeof importProgressSchema>;

export const CSV_REQUIRED_COLUMNS = Object.freeze(["name", "email"] as const);
export const CSV_OPTIONAL_COLUMNS = Object.freeze(["phone", "roles", "teams"] as const);
/**
 * Separator between several values in one `roles` or `teams` cell (`agent|viewer`).
 * Not `;` nor `,`: either may be the file's column delimiter.
 */
export const CSV_LIST_SEPARATOR = "|";

/** Characters that make a spreadsheet treat a cell as a formula (CSV injection). */
export const FORMULA_PREFIXES = Object.freeze(["=", "+", "-", "@", "\t", "\r"]);
export const startsLikeFormula = (cell: string): boolean => FORMULA_PREFIXES.some((prefix) => cell.startsWith(prefix));

const optionalCell = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema.optional());
const listCell = <T extends z.ZodType<unknown, string>>(item: T) =>
  optionalCell(
    z
      .string()
      .transform((cell) => cell.split(CSV_LIST_SEPARATOR).map((part) => part.trim()).filter(Boolean))
      .pipe(z.array(item).min(1)),
  );

/**
 * One CSV data row. A name that starts like a formula (`=HYPERLINK(…)`) is rejected,
 * not silently rewritten: the uploader sees why and fixes the source.
 */
export const csvInviteRowSchema = z.strictObject({
  name: personNameSchema.refine((name) => !startsLikeFormula(name), "Must not start with =, +, -, @ (looks like a spreadsheet formula)"),
  email: emailSchema,
  phone: optionalCell(phoneNumberSchema),
  roles: listCell(roleSchema),
  /** Team names (case-insensitive) or ids. */
  teams: listCell(z.string().max(80)),
});
export type CsvInviteRow = z.infer<typeof csvInviteRowSchema>;

export const invitationPreviewSchema = z.object({
  workspace: z.object({ id: objectIdSchema, name: z.string() }),
  organization: z.object({ name: z.string() }),
  name: z.string(),
  email: z.string(),
  roles: z.array(roleSchema),
  teams: z.array(z.object({ id: objectIdSchema, name: z.string() })),
  status: z.enum(InvitationStatus),
  expiresAt: z.string(),
  /** The e-mail already belongs to a user of the organization: they sign in and join, no new account. */
  existingUser: z.boolean(),
});
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>;

export const Landing = Object.freeze({ installDock: "install-dock", console: "console" } as const);
export type Landing = (typeof Landing)[keyof typeof Landing];

export const acceptInvitationResultSchema = z.object({
  token: z.string(),
  user: publicUserSchema,
  workspace: z.object({ id: objectIdSchema }),
  landing: z.enum(Landing),
});
