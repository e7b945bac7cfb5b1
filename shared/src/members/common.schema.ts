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

export const pagingQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });
