import { randomBytes } from "node:crypto"
import { ephemeralPassword } from "../src/sip/sip-credentials.js"
import {
  startKamailio as startKamailioProcess,
  type KamailioHandle,
} from "../src/sip/kamailio-process.js"

export { findFreePort, type KamailioHandle } from "../src/sip/kamailio-process.js"

/** What a test Kamailio shares with the test server: the credential secret and lifetime. */
export interface TestKamailio extends KamailioHandle {
  readonly secret: string
  readonly credentialTtlSeconds: number
}

/** Starts Debian's Kamailio with server/sip/kamailio.cfg on free loopback ports, with a fresh secret. */
export async function startKamailio(options: { credentialTtlSeconds?: number; evapiPort?: number } = {}): Promise<TestKamailio> {
  const secret = randomBytes(24).toString("base64url")
  const credentialTtlSeconds = options.credentialTtlSeconds ?? 600
  const handle = await startKamailioProcess({ secret, credentialTtlSeconds, ...(options.evapiPort ? { evapiPort: options.evapiPort } : {}) })
  return Object.assign(handle, { secret, credentialTtlSeconds })
}

/**
 * Credentials for a test UA that is not a dock (a customer, a callee): what the server would
 * issue for `user`, signed with the test Kamailio's secret. Production callers arrive through
 * the trunk instead.
 */
export function peerCredentials(
  kamailio: TestKamailio,
  user: string,
  expiresInSeconds = kamailio.credentialTtlSeconds
): { authorizationUser: string; password: string } {
  const authorizationUser = `${Math.floor(Date.now() / 1000) + expiresInSeconds}:${user}`
  return { authorizationUser, password: ephemeralPassword(kamailio.secret, authorizationUser) }
}

/** Kamailio's JSON-RPC, as the server calls it (loopback). */
export async function kamailioRpc(kamailio: KamailioHandle, method: string, params: (string | number)[]): Promise<unknown> {
  const response = await fetch(kamailio.rpcUrl, {
    method: "POST",
    body: JSON.stringify({ jsonrpc: "2.0", method, params, id: 1 }),
  })
  return response.json()
}
