import { z } from "zod";

/** A 24-hex MongoDB ObjectId as a string; anything else never reaches a query. */
export const objectIdSchema = z.string().regex(/^[a-f0-9]{24}$/i, "Must be a 24-character hex id");
export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: "Must be a valid e-mail address" }))
  .transform((email) => email.toLowerCase());
export const personNameSchema = z.string().trim().min(1, "Required").max(100);
/** Seed 000: phone numbers are digits with an optional leading +; formatting characters are dropped. */
export const phoneSchema = z
  .string()
  .trim()
  .max(32)
  .transform((raw) => raw.replace(/[\s().-]/g, ""))
  .pipe(z.string().regex(/^\+?[0-9]{4,20}$/, "Must be a phone number (digits, optional leading +)"));

export const pagingQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });
