import { z } from "zod";

/**
 * `GET /api/me/sip` (DESIGN.md §12, §14): the signed-in dock's SIP account. `username` is
 * `<expiresAt in unix seconds>:<userId>` and `password` its HMAC (auth_ephemeral), so the
 * account is useless after `expiresAt`; the dock fetches a fresh one before then.
 */
export const sipAccountSchema = z.strictObject({
  wsUrl: z.string().regex(/^wss?:\/\/[^\s]+$/),
  uri: z.string().regex(/^sip:[^@\s]+@[^@\s]+$/),
  username: z.string().regex(/^[0-9]+:[^:\s]+$/),
  password: z.string().min(1),
  /** ISO time after which Kamailio refuses these credentials. */
  expiresAt: z.string().datetime(),
});
export type SipAccount = z.infer<typeof sipAccountSchema>;
