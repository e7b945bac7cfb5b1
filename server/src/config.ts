import { z } from "zod";
import type { HeavyReadLimits } from "./http/heavy-reads.js";

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  MONGODB_URI: z.string().optional(),
  SMTP_URL: z.string().optional(),
  REDIS_URL: z.string().optional(),
  PUBLIC_URL: z.string().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** 32 bytes, base64: encrypts registration links kept for the pending-invitations table. */
  INVITE_LINK_KEY: z.string().optional(),
  /** DESIGN.md §14: the secret shared with Kamailio's auth_ephemeral (SIP credentials are HMACs made with it). */
  SIP_SECRET: z.string().min(16).optional(),
  /** Where docks reach Kamailio over WebSocket (ws:// or wss://); without it the server offers no SIP accounts. */
  SIP_WS_URL: z.string().regex(/^wss?:\/\/[^\s]+$/, "A ws:// or wss:// URL").optional(),
  /** The SIP domain of the accounts (`sip:<userId>@<domain>`); defaults to SIP_WS_URL's host. */
  SIP_DOMAIN: z.string().optional(),
  /** Kamailio's JSON-RPC over HTTP (loopback or private network): revocations go there. */
  KAMAILIO_RPC_URL: z.string().url().optional(),
  /** Kamailio's evapi listener (`host:port`, loopback or private network): queue calls are routed through it. */
  KAMAILIO_EVAPI: z.string().regex(/^[A-Za-z0-9.-]+:[0-9]{1,5}$/, "host:port").optional(),
  SIP_CREDENTIAL_TTL: z.coerce.number().int().min(60).max(86_400).default(600),
  /**
   * Express's `trust proxy`: which hops' X-Forwarded-For to believe for the client address
   * (rate limits key on it). Off by default: a header any client can send must not pick the
   * address. "true", a hop count, or addresses/subnets/"loopback" (comma-separated).
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .default("false")
    .transform((value): TrustProxy => {
      if (value === "" || value === "false" || value === "0") return false;
      if (value === "true") return true;
      if (/^[0-9]+$/.test(value)) return Number(value);
      return value;
    }),
});

/** DESIGN.md §14: how the server hands out SIP credentials and tells Kamailio about revocations. */
export interface SipConfig {
  secret: string;
  wsUrl: string;
  domain: string;
  /** Kamailio's JSON-RPC endpoint; without it revocations cannot reach Kamailio (logged). */
  rpcUrl?: string;
  /** Kamailio's evapi listener; without it queue calls are not routed (logged). */
  evapi?: { host: string; port: number };
  credentialTtlSeconds: number;
}

/** What Express's `trust proxy` setting accepts (see TRUST_PROXY). */
export type TrustProxy = boolean | number | string;

export interface Config {
  env: "development" | "production" | "test";
  port: number;
  mongodbUri?: string;
  smtpUrl?: string;
  redisUrl?: string;
  /** Express `trust proxy`; false unless TRUST_PROXY is set. */
  trustProxy: TrustProxy;
  /** Base URL used in e-mailed links (registration). */
  publicUrl: string;
  logLevel: string;
  sessionDays: number;
  /** Login attempts allowed per IP and e-mail within `loginWindowMs`. */
  loginAttempts: number;
  loginWindowMs: number;
  /** Failed invitation-token lookups (unknown, used, expired, malformed) allowed per address within the window; valid ones never count. */
  invitationLookupFailures: number;
  invitationLookupWindowMs: number;
  /** How often each node looks for sockets whose session has expired (realtime/session-expiry.ts). */
  sessionCheckMs: number;
  /** A dock that drops is offline only after this long without reconnecting (DESIGN.md §8). */
  presenceGraceMs: number;
  /** How often a node renews its registration in Redis; a node silent for 3 beats is dead. */
  presenceHeartbeatMs: number;
  /** Membership.lastActiveAt is written at most this often per member while online. */
  presencePersistMs: number;
  /** Milliseconds per second of queue timing (offer timeout, wrap-up): 1000, except in tests that need them short. */
  routingSecondMs: number;
  /** DESIGN.md §13: open chats one visitor address may hold (tests from one address raise it). */
  openChatsPerAddress: number;
  /** Base64 AES-256 key for stored registration links; dev and tests generate one (see invitations/link-cipher.ts). */
  inviteLinkKey?: string;
  /** Collection-scanning reads (outbox pages) at once, waiting, and how long one may wait (http/heavy-reads.ts). */
  heavyReads: HeavyReadLimits;
  /** Present when a SIP front (Kamailio) is configured; SIP_SECRET and SIP_WS_URL together. */
  sip?: SipConfig;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.parse(env);
  return {
    env: parsed.NODE_ENV,
    port: parsed.PORT,
    mongodbUri: parsed.MONGODB_URI,
    smtpUrl: parsed.SMTP_URL,
    redisUrl: parsed.REDIS_URL,
    trustProxy: parsed.TRUST_PROXY,
    publicUrl: (parsed.PUBLIC_URL ?? `http://localhost:${parsed.PORT}`).replace(/\/$/, ""),
    logLevel: parsed.LOG_LEVEL,
    sessionDays: parsed.SESSION_DAYS,
    loginAttempts: 10,
    loginWindowMs: 15 * 60_000,
    invitationLookupFailures: 10,
    invitationLookupWindowMs: 15 * 60_000,
    sessionCheckMs: 15_000,
    presenceGraceMs: 30_000,
    presenceHeartbeatMs: 1_000,
    presencePersistMs: 60_000,
    routingSecondMs: 1_000,
    openChatsPerAddress: 3,
    inviteLinkKey: parsed.INVITE_LINK_KEY,
    // Two scans leave the database's other work room on a 2-core machine; a few more wait briefly.
    heavyReads: { concurrent: 2, queue: 4, maxWaitMs: 3_000 },
    sip: sipConfigFrom(parsed),
  };
}

function sipConfigFrom(parsed: z.infer<typeof envSchema>): SipConfig | undefined {
  if (!parsed.SIP_WS_URL) return undefined;
  if (!parsed.SIP_SECRET) throw new Error("SIP_WS_URL is set without SIP_SECRET (the secret shared with Kamailio's auth_ephemeral).");
  return {
    secret: parsed.SIP_SECRET,
    wsUrl: parsed.SIP_WS_URL,
    domain: parsed.SIP_DOMAIN ?? new URL(parsed.SIP_WS_URL.replace(/^ws/, "http")).hostname,
    rpcUrl: parsed.KAMAILIO_RPC_URL,
    ...(parsed.KAMAILIO_EVAPI ? { evapi: hostPort(parsed.KAMAILIO_EVAPI) } : {}),
    credentialTtlSeconds: parsed.SIP_CREDENTIAL_TTL,
  };
}

function hostPort(value: string): { host: string; port: number } {
  const at = value.lastIndexOf(":");
  return { host: value.slice(0, at), port: Number(value.slice(at + 1)) };
}
