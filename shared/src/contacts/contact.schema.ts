import { z } from "zod";
import { emailSchema, objectIdSchema, pagingQuerySchema } from "../members/common.schema.js";
import { phoneNumberSchema } from "../phone/phone-number.schema.js";

export const contactNameSchema = z.string().trim().min(1, "Required").max(120);

/** Contact numbers are stored in E.164 so that masking and click-to-call format them alike. */
export const contactCreateSchema = z.strictObject({
  name: contactNameSchema,
  phone: phoneNumberSchema.nullable().default(null),
  email: emailSchema.nullable().default(null),
  assigneeId: objectIdSchema.nullable().optional(),
  teamId: objectIdSchema.nullable().default(null),
});
export type ContactCreate = z.infer<typeof contactCreateSchema>;

/** Send only the fields that change: a masked agent echoing a masked value back is refused. */
export const contactPatchSchema = z.strictObject({
  name: contactNameSchema.optional(),
  phone: phoneNumberSchema.nullable().optional(),
  email: emailSchema.nullable().optional(),
  assigneeId: objectIdSchema.nullable().optional(),
  teamId: objectIdSchema.nullable().optional(),
});
export type ContactPatch = z.infer<typeof contactPatchSchema>;

export const contactListQuerySchema = pagingQuerySchema.extend({
  /** Matches name, phone or e-mail (name only for masked agents). */
  q: z.string().trim().max(100).optional(),
  assigneeId: objectIdSchema.optional(),
  teamId: objectIdSchema.optional(),
});
export type ContactListQuery = z.infer<typeof contactListQuerySchema>;

export const contactSchema = z.object({
  id: objectIdSchema,
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  assigneeId: objectIdSchema.nullable(),
  teamId: objectIdSchema.nullable(),
  /** True when phone and e-mail are masked for the caller. */
  masked: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Contact = z.infer<typeof contactSchema>;

/**
 * A contacts-table row: the contact and its assignee's name (null when unassigned or no longer an
 * active member), so the table names assignees without loading the whole members list.
 */
export const contactListItemSchema = contactSchema.extend({ assigneeName: z.string().nullable() });
export type ContactListItem = z.infer<typeof contactListItemSchema>;
export const contactListSchema = z.object({ items: z.array(contactListItemSchema), total: z.number().int() });
export type ContactList = z.infer<typeof contactListSchema>;
