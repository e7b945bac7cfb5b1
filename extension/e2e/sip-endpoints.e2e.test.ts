import type { Page } from "playwright-core"
import { afterAll, beforeAll, expect, it } from "vitest"
import { addAgent, createQueue, peerCredentials, setStatus, startKamailio, type StaticServer, type TestAgent, type TestKamailio } from "@switchboard/server/test-support"
import { startDockEnv, type DockEnv } from "./support/dock-env"
import { serveSipPeerPage, SipPeer } from "./support/sip-peer"

// Issue 13, acceptance 6 (DESIGN.md §9, §14 endpoints): a queue call rings where the member's
// `phoneEndpoints` says — `sip`: their own SIP phone, registered under its own account (allowed
// by allowSipClients); `external`: their forwardTo number through the trunk (here a UA
// registered as the trunk). Each endpoint is its own registered JsSIP UA.
const QUEUE_NUMBER = "7002"
const FORWARD_TO = "+33142685300"

let kamailio: TestKamailio
let env: DockEnv
let peers: StaticServer & { pageUrl: string }
let callers = 0

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

beforeAll(async () => {
  kamailio = await startKamailio()
  env = await startDockEnv("sip-endpoints", { kamailio })
  peers = await serveSipPeerPage()
  await createQueue(env.server, env.ws.token, env.ws.workspaceId, { name: "Support line", channel: "phone", number: QUEUE_NUMBER, teams: [env.ws.teamId], offerTimeoutSeconds: 20, wrapUpSeconds: 30 })
  while (!env.server.server.sip.client?.connected) await sleep(50)
}, 120_000)
afterAll(async () => {
  await env?.close()
  await peers?.close()
  await kamailio?.stop()
})

async function uaPage(): Promise<Page> {
  const page = await env.browser.context.newPage()
  await page.goto(peers.pageUrl)
  return page
}

async function dialQueue(): Promise<SipPeer> {
  const user = `1555000111${callers++}`
  const caller = await SipPeer.start(await uaPage(), { wsUrl: kamailio.wsUrl, user, domain: kamailio.domain, ...peerCredentials(kamailio, user) })
  await caller.call(`sip:${QUEUE_NUMBER}@${kamailio.domain}`)
  return caller
}

/** Answers at `callee`, sees both sides confirmed, hangs up. */
async function connectAndHangUp(caller: SipPeer, callee: SipPeer) {
  await callee.answer()
  await caller.waitForEvent("session#0:confirmed")
  await callee.waitForEvent("session#0:confirmed")
  await caller.hangUp()
  await callee.waitForEvent("session#0:ended:Terminated")
}

let agent: TestAgent

it("endpoint sip: a queue call rings the member's own SIP phone, registered with its own account", async () => {
  agent = await addAgent(env.server, env.ws.workspaceId, { name: "Pia Phone", teams: [env.ws.teamId], settings: { phoneEndpoints: "sip", allowSipClients: true } })
  const account = await env.server.api.get("/api/me/sip/phone", { token: agent.token })
  expect(account.status).toBe(200)
  const phone = await SipPeer.start(await uaPage(), { wsUrl: kamailio.wsUrl, user: `${agent.userId}.phone`, domain: kamailio.domain, authorizationUser: account.body.username, password: account.body.password })
  const caller = await dialQueue()
  await phone.waitForEvent("session#0:incoming")
  expect((await phone.invites())[0]).toMatch(/^X-Switchboard-Offer: [A-Za-z0-9-]+\r?$/m)
  await connectAndHangUp(caller, phone)
  await setStatus(agent.dock, "away")
})

it("endpoint external: a queue call goes to the member's forwardTo number through the trunk", async () => {
  const forwarder = await addAgent(env.server, env.ws.workspaceId, { name: "Fay Forward", teams: [env.ws.teamId], settings: { phoneEndpoints: "external", forwardTo: FORWARD_TO } })
  const trunk = await SipPeer.start(await uaPage(), { wsUrl: kamailio.wsUrl, user: "trunk", domain: kamailio.domain, ...peerCredentials(kamailio, "trunk") })
  const caller = await dialQueue()
  await trunk.waitForEvent("session#0:incoming")
  expect((await trunk.invites())[0]).toMatch(new RegExp(`^X-Switchboard-Dial: \\${FORWARD_TO}\\r?$`, "m"))
  await connectAndHangUp(caller, trunk)
  await setStatus(forwarder.dock, "away")
})

it("security: a SIP phone account cannot register as the member's dock address, nor without allowSipClients", async () => {
  const account = await env.server.api.get("/api/me/sip/phone", { token: agent.token })
  const page = await uaPage()
  const asDock = await SipPeer.start(page, { wsUrl: kamailio.wsUrl, user: agent.userId, domain: kamailio.domain, authorizationUser: account.body.username, password: account.body.password, expectFailure: true })
  expect(await asDock.events()).toContain("ua:registrationFailed:status:403")
  const other = await addAgent(env.server, env.ws.workspaceId, { name: "Nora NoSip", teams: [env.ws.teamId], settings: { phoneEndpoints: "sip" }, available: false })
  expect((await env.server.api.get("/api/me/sip/phone", { token: other.token })).status).toBe(403)
})
