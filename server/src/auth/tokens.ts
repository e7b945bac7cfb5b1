import { createHash, randomBytes } from "node:crypto";

/** 256 random bits, base64url: used for session and invitation tokens. */
export const newOpaqueToken = (): string => randomBytes(32).toString("base64url");
export const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");
