import { z } from "zod";
import { objectIdSchema } from "../members/common.schema.js";
import { phoneNumberSchema } from "../phone/phone-number.schema.js";

/**
 * POST /api/workspaces/:ws/calls/references (DESIGN.md §14): what the dock wants to call, a
 * contact (contact calls) or a number it found on a page (click-to-call, a real gesture). The
 * answer is an opaque SIP address the dock dials; it never carries the number.
 */
export const callReferenceBodySchema = z.union([
  z.strictObject({ contactId: objectIdSchema }),
  z.strictObject({ number: phoneNumberSchema }),
]);
export type CallReferenceBody = z.infer<typeof callReferenceBodySchema>;

export const callReferenceSchema = z.strictObject({ uri: z.string(), expiresAt: z.string() });
export type CallReferenceResponse = z.infer<typeof callReferenceSchema>;
