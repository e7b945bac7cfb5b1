import { errorBodySchema, type ErrorCode, type FieldIssue } from "@switchboard/shared";

/** Codes the console adds for failures that never reached, or never made sense from, the server. */
export type ClientErrorCode = "NETWORK" | "BAD_RESPONSE";

/** Parses a server body; every shared zod schema fits, and the console never imports zod itself. */
export interface ResponseSchema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: unknown };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /**
   * Field issues `[{ path, message }]` from a VALIDATION_FAILED body, for showing next to inputs.
   * The server sends them as `details: { issues }`; a bare array is accepted too.
   */
  get fieldIssues(): FieldIssue[] {
    const details = this.details as { issues?: unknown } | unknown[] | undefined;
    const list = Array.isArray(details) ? details : details && Array.isArray(details.issues) ? details.issues : [];
    return list.filter(
      (d): d is FieldIssue => typeof d === "object" && d !== null && typeof d.path === "string" && typeof d.message === "string",
    );
  }
}

let onUnauthenticated: (() => void) | undefined;
/** The session context registers here, so a session that dies mid-page sends the user to sign in. */
export function setUnauthenticatedHandler(handler: (() => void) | undefined) {
  onUnauthenticated = handler;
}

export type QueryValue = string | number | undefined | null;

export interface RequestOptions<T> {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  query?: Record<string, QueryValue>;
  /** Plain objects are sent as JSON; FormData as multipart (the browser sets the boundary). */
  body?: unknown;
  schema?: ResponseSchema<T>;
  signal?: AbortSignal;
}

export function withQuery(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function toApiError(status: number, body: unknown): ApiError {
  const parsed = errorBodySchema.safeParse(body);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(status, code, message, details);
  }
  return new ApiError(status, status === 401 ? "UNAUTHENTICATED" : "INTERNAL", `Request failed (${status}).`);
}

/** The one way the console talks to the server: cookie session, JSON in and out, typed errors. */
export async function api<T = unknown>(path: string, options: RequestOptions<T> = {}): Promise<T> {
  const { method = options.body === undefined ? "GET" : "POST", query, body, schema, signal } = options;
  const isForm = body instanceof FormData;
  let res: Response;
  try {
    res = await fetch(withQuery(path, query), {
      method,
      credentials: "include",
      signal,
      headers: { Accept: "application/json", ...(body !== undefined && !isForm ? { "Content-Type": "application/json" } : {}) },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, "NETWORK", "Cannot reach the server. Check your connection and try again.");
  }
  const data = await readBody(res);
  if (!res.ok) {
    if (res.status === 401) onUnauthenticated?.();
    throw toApiError(res.status, data);
  }
  if (!schema) return data as T;
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    // A contract drift between console and server: say so rather than render half a page.
    console.error("Unexpected response from", path, parsed.error);
    throw new ApiError(res.status, "BAD_RESPONSE", "The server answered in an unexpected shape.", parsed.error);
  }
  return parsed.data;
}

/** Workspace-scoped paths, so no page builds `/api/workspaces/…` by hand. */
export const wsPath = (workspaceId: string, rest: string) => `/api/workspaces/${encodeURIComponent(workspaceId)}${rest}`;

export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : "Something went wrong.";
