/** Kamailio's JSON-RPC over HTTP (module jsonrpcs on the loopback RPC port of server/sip/kamailio.cfg). */
export interface KamailioRpc {
  call(method: string, params: (string | number)[]): Promise<unknown>;
}

export class KamailioRpcError extends Error {}

export function kamailioRpc(url: string, timeoutMs = 2_000): KamailioRpc {
  let id = 0;
  return {
    async call(method, params) {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", method, params, id: ++id }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = (await response.json().catch(() => null)) as { result?: unknown; error?: { message?: string } } | null;
      if (!response.ok || !body || body.error) {
        throw new KamailioRpcError(`${method}: ${response.status} ${body?.error?.message ?? ""}`.trim());
      }
      return body.result;
    },
  };
}
