export interface HttpResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

export interface RequestOptions {
  token?: string;
  cookie?: string;
  headers?: Record<string, string>;
  /** Raw body (e.g. FormData or a string); `json` is used otherwise. */
  raw?: BodyInit;
}

/** A small fetch wrapper for API tests: JSON in, parsed JSON (or text) out, never throws on status. */
export function httpClient(baseUrl: string) {
  async function call<T = any>(method: string, path: string, json?: unknown, options: RequestOptions = {}): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.cookie) headers.cookie = options.cookie;
    let body: BodyInit | undefined = options.raw;
    if (json !== undefined && body === undefined) {
      headers["content-type"] = "application/json";
      body = typeof json === "string" ? json : JSON.stringify(json);
    }
    const res = await fetch(baseUrl + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    if (res.headers.get("content-type")?.includes("application/json")) parsed = JSON.parse(text);
    return { status: res.status, body: parsed as T, headers: res.headers, text };
  }
  return {
    get: <T = any>(path: string, options?: RequestOptions) => call<T>("GET", path, undefined, options),
    post: <T = any>(path: string, json?: unknown, options?: RequestOptions) => call<T>("POST", path, json, options),
    patch: <T = any>(path: string, json?: unknown, options?: RequestOptions) => call<T>("PATCH", path, json, options),
    put: <T = any>(path: string, json?: unknown, options?: RequestOptions) => call<T>("PUT", path, json, options),
    delete: <T = any>(path: string, options?: RequestOptions) => call<T>("DELETE", path, undefined, options),
  };
}
export type HttpClient = ReturnType<typeof httpClient>;
