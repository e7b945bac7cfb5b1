import { z } from "zod";
import { emailSchema, objectIdSchema, personNameSchema } from "./common.schema.js";
import { phoneNumberSchema } from "../phone/phone-number.schema.js";

export const passwordSchema = z
  .string()
  .min(10, "Use at least 10 characters")
  .max(200)
  .refine((pw) => /[a-z]/i.test(pw) && /[0-9]/.test(pw), "Use letters and at least one digit");

/** Organization-level profile: editing it changes every workspace the user belongs to. */
export const userProfileSchema = z.strictObject({
  email: emailSchema,
  firstName: personNameSchema,
  lastName: personNameSchema,
  username: z.string().trim().min(1).max(64).regex(/^[a-zA-Z0-9._-]+$/, "Letters, digits, dot, dash, underscore").optional(),
  phone: phoneNumberSchema.optional(),
  location: z.string().trim().max(120).optional(),
  skills: z.array(z.string().trim().min(1).max(60)).max(50).optional(),
  languages: z.array(z.string().trim().min(1).max(60)).max(50).optional(),
});
export type UserProfile = z.infer<typeof userProfileSchema>;

export const publicUserSchema = z.object({
  id: objectIdSchema,
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  organizationId: objectIdSchema,
});
export type PublicUser = z.infer<typeof publicUserSchema>;
