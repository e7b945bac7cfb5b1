import type { Page } from "playwright-core"
import { afterAll, beforeAll, expect, it } from "vitest"
import { signInDock, startDockEnv, type DockEnv } from "./support/dock-env"
import { kamailioRpc, peerCredentials, startKamailio, type TestKamailio } from "@switchboard/server/test-support"
import { serveSipPeerPage, SipPeer } from "./support/sip-peer"
import type { StaticServer } from "@switchboard/server/test-support"

// Issue 13, acceptance 4 (DESIGN.md §14 SIP credentials): nobody registers or calls without
// server-issued credentials; revoking a member or signing the dock out removes their
// registration at once and the credentials they held stop working.
let kamailio: TestKamailio
let env: DockEnv
let peers: StaticServer & { pageUrl: string }

beforeAll(async () => {
  kamailio = await startKamailio()
  env = await startDockEnv("sip-credentials", { kamailio })
  peers = await serveSipPeerPage()
})
afterAll(async () => {
  await env?.close()
  await peers?.close()
  await kamailio?.stop()
})

async function peerPage(): Promise<Page> {
  const page = await env.browser.context.newPage()
  await page.goto(peers.pageUrl)
  return page
}

const isRegistered = async (user: string) => {
  const reply = (await kamailioRpc(kamailio, "ul.lookup", ["location", user])) as { result?: unknown }
  return reply.result !== undefined
}

/** Signs an agent's dock in and waits until Kamailio holds their binding; returns the credentials the dock holds. */
async function registeredDock(name: string) {
  const agent = await env.addAgent(name)
  const dock = await env.openDock()
  await signInDock(dock, env.server.url, agent)
  await dock.locator('[data-testid="softphone-status"][data-registration="registered"]').waitFor({ timeout: 30_000 })
  expect(await isRegistered(agent.userId)).toBe(true)
  const stored = await dock.evaluate(() => chrome.storage.local.get("softphone.config"))
  const held = stored["softphone.config"] as { uri: string; authorizationUser: string; password: string }
  expect(held.uri).toBe(`sip:${agent.userId}@${kamailio.domain}`)
  return { agent, dock, held }
}

/** A UA that registers as `user` with the credentials a dock held (expected to be refused). */
async function replayHeld(user: string, held: { authorizationUser: string; password: string }) {
  const page = await peerPage()
  const replay = await SipPeer.start(page, {
    wsUrl: kamailio.wsUrl,
    user,
    domain: kamailio.domain,
    authorizationUser: held.authorizationUser,
    password: held.password,
    expectFailure: true,
  })
  return { page, replay }
}

it("security: refuses REGISTER (401) and INVITE (407) without credentials", async () => {
  const page = await peerPage()
  const anonymous = await SipPeer.start(page, { wsUrl: kamailio.wsUrl, user: "anonymous", domain: kamailio.domain, expectFailure: true })
  expect(await anonymous.events()).toContain("ua:registrationFailed:status:401")
  await anonymous.call(`sip:someone@${kamailio.domain}`)
  await anonymous.waitForEvent("session#0:failed:status:407")
  await page.close()
})

it("security: credentials bind only their own address, and a wrong secret is challenged again", async () => {
  const page = await peerPage()
  const mallory = peerCredentials(kamailio, "mallory")
  const asVictim = await SipPeer.start(page, { wsUrl: kamailio.wsUrl, user: "victim", domain: kamailio.domain, ...mallory, expectFailure: true })
  expect(await asVictim.events()).toContain("ua:registrationFailed:status:403")
  expect(await isRegistered("victim")).toBe(false)

  const forged = { authorizationUser: mallory.authorizationUser, password: Buffer.from("not the HMAC").toString("base64") }
  const forger = await SipPeer.start(page, { wsUrl: kamailio.wsUrl, user: "mallory", domain: kamailio.domain, ...forged, expectFailure: true })
  expect(await forger.events()).toContain("ua:registrationFailed:status:401")
  await page.close()
})

it("registers the signed-in dock with the server-issued account, without any typed address", async () => {
  const { agent, dock, held } = await registeredDock("Sam Signed")
  const issued = await env.server.api.get("/api/me/sip", { token: agent.token })
  expect(issued.status).toBe(200)
  expect(issued.body).toMatchObject({ wsUrl: kamailio.wsUrl, uri: held.uri })
  expect(issued.body.username).toMatch(new RegExp(`^[0-9]+:${agent.userId}$`))
  expect(Date.parse(issued.body.expiresAt) - Date.now()).toBeLessThanOrEqual(kamailio.credentialTtlSeconds * 1000)
  // One extension profile: the next test signs another agent in.
  await dock.getByRole("button", { name: "Sign out" }).click()
  await dock.getByTestId("sign-in").waitFor()
})

it("security: a revoke removes the registration within a second and the held credentials are refused", async () => {
  const { agent, held } = await registeredDock("Rex Revoked")
  const revoke = await env.server.api.post(`/api/workspaces/${env.ws.workspaceId}/members/${agent.userId}/revoke`, {}, { token: env.ws.token })
  expect(revoke.status).toBe(200)
  const revokedAt = Date.now()
  while (await isRegistered(agent.userId)) {
    expect(Date.now() - revokedAt).toBeLessThan(1_000)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }

  expect(await kamailioRpc(kamailio, "htable.get", ["revoked", agent.userId])).toMatchObject({ result: expect.anything() })

  const { page, replay } = await replayHeld(agent.userId, held)
  expect(await replay.events(), kamailio.log().slice(-3000)).toContain("ua:registrationFailed:status:403")
  await replay.call(`sip:someone@${kamailio.domain}`)
  await replay.waitForEvent("session#0:failed:status:403")
  expect(await isRegistered(agent.userId)).toBe(false)
  await page.close()
})

it("security: signing the dock out removes its registration and its credentials stop working", async () => {
  const { agent, dock, held } = await registeredDock("Stella Signout")
  await dock.getByRole("button", { name: "Sign out" }).click()
  await dock.getByTestId("sign-in").waitFor()
  const signedOutAt = Date.now()
  while (await isRegistered(agent.userId)) {
    expect(Date.now() - signedOutAt).toBeLessThan(1_000)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  // The dock's own un-REGISTER may beat the server: the revocation mark must land within the second too.
  while (!("result" in ((await kamailioRpc(kamailio, "htable.get", ["revoked", agent.userId])) as object))) {
    expect(Date.now() - signedOutAt).toBeLessThan(1_000)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  const { page, replay } = await replayHeld(agent.userId, held)
  expect(await replay.events()).toContain("ua:registrationFailed:status:403")
  await page.close()
})

it("security: GET /api/me/sip needs a session and a member who may use the dock", async () => {
  expect((await env.server.api.get("/api/me/sip")).status).toBe(401)
})
