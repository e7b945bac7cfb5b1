import type { Page } from "playwright-core"
import { afterAll, beforeAll, expect, it } from "vitest"
import { peerCredentials, startKamailio, type StaticServer, type TestKamailio } from "@switchboard/server/test-support"
import { startDockEnv, type Agent, type DockEnv } from "./support/dock-env"
import { serveSipPeerPage, SipPeer } from "./support/sip-peer"

// Issue 13, acceptance 5 (DESIGN.md §14 outbound calls): Kamailio asks the server about every
// call a member places. The members' UAs here are JsSIP pages holding the credentials
// GET /api/me/sip gives the member: exactly what a UA that bypasses the dock's UI can do.
// The far end is a UA registered as the trunk: it receives what the PSTN would.
const LONDON_CALLER_ID = "+442079460958"
const CALLER_ID = "+14155550167"
const CONTACT_NUMBER = "+442079460123"
const TYPED_NUMBER = "+442079460777"

let kamailio: TestKamailio
let env: DockEnv
let peers: StaticServer & { pageUrl: string }
let trunk: SipPeer
let trunkCalls = 0
let contactId: string

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

beforeAll(async () => {
  kamailio = await startKamailio()
  env = await startDockEnv("sip-outbound", { kamailio })
  peers = await serveSipPeerPage()
  const trunkPage = await env.browser.context.newPage()
  await trunkPage.goto(peers.pageUrl)
  trunk = await SipPeer.start(trunkPage, { wsUrl: kamailio.wsUrl, user: "trunk", domain: kamailio.domain, ...peerCredentials(kamailio, "trunk") })
  const contact = await env.server.api.post(`/api/workspaces/${env.ws.workspaceId}/contacts`, { name: "Anna Tier", phone: CONTACT_NUMBER, teamId: env.ws.teamId }, { token: env.ws.token })
  expect(contact.status).toBe(201)
  contactId = contact.body.id
  while (!env.server.server.sip.client?.connected) await sleep(50)
})
afterAll(async () => {
  await env?.close()
  await peers?.close()
  await kamailio?.stop()
})

/** A member (masked contacts) with the caller IDs of acceptance 5 and these settings, and a UA of their own page. */
async function memberUa(name: string, overrides: Record<string, unknown>): Promise<{ agent: Agent; ua: SipPeer }> {
  const agent = await env.addAgent(name)
  const saved = await env.setMemberSettings(agent.userId, {
    callerId: { name: "Support", number: CALLER_ID },
    localPresenceCallerIds: [{ countryCode: "44", number: LONDON_CALLER_ID }],
    ...overrides,
  })
  expect(saved.status, JSON.stringify(saved.body)).toBe(200)
  const account = await env.server.api.get("/api/me/sip", { token: agent.token })
  expect(account.status).toBe(200)
  const page: Page = await env.browser.context.newPage()
  await page.goto(peers.pageUrl)
  const ua = await SipPeer.start(page, { wsUrl: kamailio.wsUrl, user: agent.userId, domain: kamailio.domain, authorizationUser: account.body.username, password: account.body.password })
  return { agent, ua }
}

async function referenceFor(agent: Agent, body: unknown): Promise<string> {
  const res = await env.server.api.post(`/api/workspaces/${env.ws.workspaceId}/calls/references`, body, { token: agent.token })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body.uri
}

/** No run of the number's national digits anywhere in what the member's UA received. */
async function expectNumberNeverReached(ua: SipPeer, number: string) {
  const national = number.slice(3)
  const received = (await ua.received()).join("\n")
  expect(received.length).toBeGreaterThan(0)
  expect(received).not.toContain(national)
}

it("security: with blockManualDialing a typed number is refused by Kamailio (403) and never reaches the trunk", async () => {
  const { ua } = await memberUa("Bea Blocked", { blockManualDialing: true })
  await ua.call(`sip:${TYPED_NUMBER}@${kamailio.domain}`)
  await ua.waitForEvent("session#0:failed:status:403")
  await ua.call(`sip:${TYPED_NUMBER.slice(1)}@${kamailio.domain}`)
  await ua.waitForEvent("session#1:failed:status:403")
  expect((await trunk.invites()).length).toBe(trunkCalls)
})

it("a member without blockManualDialing dials a typed number: the trunk gets it with the destination country's caller ID", async () => {
  const { ua } = await memberUa("Tom Typed", {})
  await ua.call(`sip:${TYPED_NUMBER}@${kamailio.domain}`)
  await trunk.waitForEvent(`session#${trunkCalls}:incoming`)
  const invite = (await trunk.invites())[trunkCalls++]!
  expect(invite).toMatch(new RegExp(`^X-Switchboard-Dial: \\${TYPED_NUMBER}\\r?$`, "m"))
  expect(invite).toMatch(new RegExp(`^From: .*<sip:\\${LONDON_CALLER_ID}@`, "m"))
  await trunk.hangUp()
  await ua.waitForEvent("session#0:failed:status:480")
})

it("security: click-to-call of a masked contact connects, the callee sees the London caller ID, and the number never reaches the member's UA", async () => {
  const { agent, ua } = await memberUa("Mia Masked", { blockManualDialing: true, maskPhoneNumber: true })
  const uri = await referenceFor(agent, { contactId })
  expect(uri).not.toContain(CONTACT_NUMBER.slice(3))
  await ua.call(uri)
  await trunk.waitForEvent(`session#${trunkCalls}:incoming`)
  const invite = (await trunk.invites())[trunkCalls]!
  expect(invite).toMatch(new RegExp(`^X-Switchboard-Dial: \\${CONTACT_NUMBER}\\r?$`, "m"))
  expect(invite).toMatch(new RegExp(`^From: "?Support"? <sip:\\${LONDON_CALLER_ID}@`, "m"))
  expect(invite).toMatch(new RegExp(`^P-Asserted-Identity: <sip:\\${LONDON_CALLER_ID}@`, "m"))
  await trunk.answer()
  await ua.waitForEvent("session#0:confirmed")
  await trunk.waitForEvent(`session#${trunkCalls}:confirmed`)
  trunkCalls++
  await ua.hangUp()
  await trunk.waitForEvent(`session#${trunkCalls - 1}:ended:Terminated`)
  await expectNumberNeverReached(ua, CONTACT_NUMBER)
})

it("a destination without a local-presence caller ID shows the member's callerId", async () => {
  const { agent, ua } = await memberUa("Carl Clicker", { blockManualDialing: true })
  await ua.call(await referenceFor(agent, { number: "+12125550142" }))
  await trunk.waitForEvent(`session#${trunkCalls}:incoming`)
  expect((await trunk.invites())[trunkCalls++]).toMatch(new RegExp(`^From: "?Support"? <sip:\\${CALLER_ID}@`, "m"))
  await trunk.hangUp()
  await ua.waitForEvent("session#0:failed:status:480")
})

it("security: another member's reference, and any call by a member on channel chat, are refused (403)", async () => {
  const { agent: owner } = await memberUa("Olga Owner", {})
  const stolen = await referenceFor(owner, { contactId })
  const { ua: thief } = await memberUa("Theo Thief", {})
  await thief.call(stolen)
  await thief.waitForEvent("session#0:failed:status:403")
  const { agent: chatter, ua: chatUa } = await memberUa("Cora Chat", { channel: "chat" })
  await chatUa.call(await referenceFor(chatter, { contactId }))
  await chatUa.waitForEvent("session#0:failed:status:403")
  await chatUa.call(`sip:${TYPED_NUMBER}@${kamailio.domain}`)
  await chatUa.waitForEvent("session#1:failed:status:403")
  expect((await trunk.invites()).length).toBe(trunkCalls)
})
