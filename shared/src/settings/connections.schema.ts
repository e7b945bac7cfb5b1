import { z } from "zod";
import { objectIdSchema } from "../members/common.schema.js";

/**
 * Seed 003: restricted managers may not connect integrations, and only admins add channels.
 * Kept minimal: a named configuration per integration or channel.
 */
export const integrationBodySchema = z.strictObject({
  provider: z.string().trim().min(1).max(40).regex(/^[a-z0-9-]+$/, "Lower-case letters, digits and dashes"),
  name: z.string().trim().min(1, "Required").max(80),
  config: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, "Letters, digits and underscores"), z.string().max(2000)).default({}),
});
export type IntegrationBody = z.infer<typeof integrationBodySchema>;

export const integrationSchema = z.object({
  id: objectIdSchema,
  provider: z.string(),
  name: z.string(),
  /** Configuration values may be secrets; responses name the keys only. */
  configKeys: z.array(z.string()),
  createdAt: z.string(),
});
export type Integration = z.infer<typeof integrationSchema>;

export const channelBodySchema = z.strictObject({
  type: z.enum(["phone", "chat"]),
  name: z.string().trim().min(1, "Required").max(80),
});
export type ChannelBody = z.infer<typeof channelBodySchema>;

export const channelSchema = z.object({ id: objectIdSchema, type: z.enum(["phone", "chat"]), name: z.string(), createdAt: z.string() });
export type ChannelInfo = z.infer<typeof channelSchema>;
