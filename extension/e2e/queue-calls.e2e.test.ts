import type { Page } from "playwright-core"
import { afterAll, beforeAll, expect, it } from "vitest"
import {
  createQueue,
  kamailioRpc,
  launchWithExtension,
  nextEvent,
  peerCredentials,
  record,
  startKamailio,
  type ClientSocket,
  type ExtensionBrowser,
  type StaticServer,
  type TestKamailio,
} from "@switchboard/server/test-support"
import { requireExtensionBuild } from "./support/extension-build"
import { goAvailable, offerCard, openDockIn, presenceIs, signInDock, startDockEnv, type Agent, type DockEnv } from "./support/dock-env"
import { captureOffscreenSip, type SipCapture } from "./support/offscreen-sip-capture"
import { serveSipPeerPage, SipPeer } from "./support/sip-peer"

// Issue 13, acceptance 1–3 and the queue-call part of 4 (DESIGN.md §14): a caller (JsSIP page)
// dials a phone queue's number; Kamailio holds it (182 Queued) and asks the server over evapi;
// the server rings the longest-idle agent's dock (their offscreen JsSIP) as an offer. A no-answer
// pauses that agent away/missed and rings the next; answering the SIP call connects the
// interaction (dialog events set onCall); the caller hanging up ends it into wrap-up.
const OFFER_SECONDS = 5
const WRAP_UP_SECONDS = 3
const QUEUE_NUMBER = "7001"
const CALLER = "15559876543"

let kamailio: TestKamailio
let env: DockEnv
let peers: StaticServer & { pageUrl: string }
let boBrowser: ExtensionBrowser
let ana: Agent
let bo: Agent
let anaDock: Page
let boDock: Page
let anaSip: SipCapture
let boSip: SipCapture
let watcher: ClientSocket
let presence: { userId: string; status: string; awayReason?: string; onCall: boolean; wrapUpUntil?: string }[]
let callerPage: Page
let callers = 0

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function signInAndRegister(dock: Page, agent: Agent) {
  await signInDock(dock, env.server.url, agent)
  await dock.locator('[data-testid="softphone-status"][data-registration="registered"]').waitFor({ timeout: 30_000 })
}

/** A fresh caller UA (its own user, so its events start at session#0) dialing the queue. */
async function dialQueue(): Promise<SipPeer> {
  const user = `${CALLER}${callers++ ? callers : ""}`
  const caller = await SipPeer.start(callerPage, { wsUrl: kamailio.wsUrl, user, domain: kamailio.domain, displayName: "Carla Caller", ...peerCredentials(kamailio, user) })
  await caller.call(`sip:${QUEUE_NUMBER}@${kamailio.domain}`)
  return caller
}

async function interactions(state?: string) {
  const res = await env.server.api.get(`/api/workspaces/${env.ws.workspaceId}/interactions?kind=call${state ? `&state=${state}` : ""}`, { token: env.ws.token })
  expect(res.status).toBe(200)
  return res.body.items as { id: string; state: string; agent: { id: string } | null }[]
}

/** Every run of six digits of the caller's number: none may appear in what a masking agent receives. */
const digitRuns = (number: string) => Array.from({ length: number.length - 5 }, (_, i) => number.slice(i, i + 6))

beforeAll(async () => {
  kamailio = await startKamailio()
  env = await startDockEnv("queue-calls", { kamailio, devtools: true })
  peers = await serveSipPeerPage()
  ana = await env.addAgent("Ana Agent")
  bo = await env.addAgent("Bo Agent")
  // Ana masks numbers; Bo may see them.
  expect((await env.setMemberSettings(ana.userId, { autoPauseNoAnswer: true, maskPhoneNumber: true })).status).toBe(200)
  expect((await env.setMemberSettings(bo.userId, { autoPauseNoAnswer: true, maskPhoneNumber: false })).status).toBe(200)
  await createQueue(env.server, env.ws.token, env.ws.workspaceId, {
    name: "Sales line",
    channel: "phone",
    number: QUEUE_NUMBER,
    teams: [env.ws.teamId],
    offerTimeoutSeconds: OFFER_SECONDS,
    wrapUpSeconds: WRAP_UP_SECONDS,
  })
  boBrowser = await launchWithExtension(requireExtensionBuild(), { devtools: true })
  anaDock = await env.openDock()
  boDock = await openDockIn(boBrowser)
  callerPage = await env.browser.context.newPage()
  await callerPage.goto(peers.pageUrl)
  watcher = await env.watch()
  presence = record(watcher, "presence:changed")
}, 180_000)
afterAll(async () => {
  await anaSip?.close()
  await boSip?.close()
  await boBrowser?.close()
  await env?.close()
  await peers?.close()
  await kamailio?.stop()
})

it("both agents sign in, their docks register; Ana has been available longest", async () => {
  await signInAndRegister(anaDock, ana)
  await goAvailable(anaDock)
  await sleep(1_500)
  await signInAndRegister(boDock, bo)
  await goAvailable(boDock)
  // Their offscreen documents exist now: watch what their JsSIP receives.
  anaSip = await captureOffscreenSip(env.browser)
  boSip = await captureOffscreenSip(boBrowser)
})

it("a queue call rings the longest-idle agent's dock as an offer; unanswered, she is away/missed and the next agent's dock rings; he answers", async () => {
  const missed = nextEvent(watcher, "presence:changed", (p: { userId: string; status: string; awayReason?: string }) => p.userId === ana.userId && p.status === "away" && p.awayReason === "missed", (OFFER_SECONDS + 15) * 1000)
  const caller = await dialQueue()
  await caller.waitForEvent("session#0:progress", 10_000)

  // The offer and the SIP ring arrive together: the card knows the ringing call.
  const anaOffer = anaDock.locator('[data-testid="offer"][data-kind="call"][data-ringing="true"]')
  await anaOffer.waitFor({ timeout: 10_000 })
  await expect(anaOffer.textContent()).resolves.toContain("Sales line")
  await expect(offerCard(boDock).count()).resolves.toBe(0)
  await env.screenshot(anaDock, "call-offer")

  await missed
  await presenceIs(anaDock, "away").waitFor({ timeout: 5_000 })
  await offerCard(anaDock).waitFor({ state: "detached", timeout: 5_000 })

  const boOffer = boDock.locator('[data-testid="offer"][data-kind="call"][data-ringing="true"]')
  await boOffer.waitFor({ timeout: 10_000 })
  const onCall = nextEvent(watcher, "presence:changed", (p: { userId: string; onCall: boolean }) => p.userId === bo.userId && p.onCall, 15_000)
  await boOffer.getByTestId("offer-accept").click()
  await caller.waitForEvent("session#0:confirmed", 15_000)
  await boDock.locator('[data-testid="call"][data-status="confirmed"]').waitFor({ timeout: 15_000 })
  await onCall
  const [connected] = await interactions("connected")
  expect(connected?.agent?.id).toBe(bo.userId)

  // Acceptance 3: the masking agent's JsSIP never received the caller's number; the other agent's did.
  const anaInvites = anaSip.invites()
  expect(anaInvites).toHaveLength(1)
  for (const run of digitRuns(CALLER)) expect(anaInvites[0]).not.toContain(run)
  expect(anaInvites[0]).toMatch(new RegExp(`^From: .*<sip:${QUEUE_NUMBER}@`, "m"))
  expect(anaInvites[0]).toMatch(new RegExp(`^P-Asserted-Identity: <sip:${QUEUE_NUMBER}@`, "m"))
  const boInvites = boSip.invites()
  expect(boInvites).toHaveLength(1)
  expect(boInvites[0]).toMatch(new RegExp(`^From: .*<sip:${CALLER}@`, "m"))
  expect(boInvites[0]).toMatch(new RegExp(`^P-Asserted-Identity: <sip:${CALLER}@`, "m"))

  // The caller hangs up: wrap-up for the queue's seconds, then available again, off the call.
  await caller.hangUp()
  await nextEvent(watcher, "presence:changed", (p: { userId: string; onCall: boolean; wrapUpUntil?: string }) => p.userId === bo.userId && !p.onCall && Boolean(p.wrapUpUntil), 10_000)
  await boDock.getByTestId("wrap-up").waitFor({ timeout: 5_000 })
  await nextEvent(watcher, "presence:changed", (p: { userId: string; status: string; onCall: boolean; wrapUpUntil?: string }) => p.userId === bo.userId && p.status === "available" && !p.onCall && !p.wrapUpUntil, (WRAP_UP_SECONDS + 10) * 1000)
  await boDock.getByTestId("wrap-up").waitFor({ state: "detached", timeout: 5_000 })
  const [ended] = await interactions()
  expect(ended?.state).toBe("closed")
})

it("a caller who hangs up while queued is abandoned and nobody rings afterwards", async () => {
  // Nobody available: Ana is away (missed), Bo goes away.
  await boDock.getByTestId("presence").locator("select").selectOption("away:")
  await presenceIs(boDock, "away").waitFor()
  const invitesBefore = anaSip.invites().length + boSip.invites().length
  const caller = await dialQueue()
  await caller.waitForEvent("session#0:progress", 10_000)
  await expect.poll(async () => (await interactions("queued")).length, { timeout: 5_000 }).toBe(1)
  await caller.hangUp()
  await caller.waitForEvent("session#0:failed:Canceled", 10_000)
  await expect.poll(async () => (await interactions("abandoned")).length, { timeout: 5_000 }).toBe(1)

  // Bo comes back: no offer, no ring for the abandoned call.
  await goAvailable(boDock)
  await sleep((OFFER_SECONDS + 1) * 1000)
  await expect(offerCard(boDock).count()).resolves.toBe(0)
  expect(anaSip.invites().length + boSip.invites().length).toBe(invitesBefore)
  expect(await interactions("queued")).toEqual([])
})

it("security: after a revoke, queue calls no longer ring the revoked agent", async () => {
  // Ana is available again and has been idle longer than Bo (his available is newer): she would ring first.
  await goAvailable(anaDock)
  const anaInvitesBefore = anaSip.invites().length
  const revoke = await env.server.api.post(`/api/workspaces/${env.ws.workspaceId}/members/${ana.userId}/revoke`, {}, { token: env.ws.token })
  expect(revoke.status).toBe(200)
  await expect.poll(async () => "result" in ((await kamailioRpc(kamailio, "ul.lookup", ["location", ana.userId])) as object), { timeout: 2_000 }).toBe(false)

  const caller = await dialQueue()
  await boDock
    .locator('[data-testid="offer"][data-kind="call"][data-ringing="true"]')
    .waitFor({ timeout: 10_000 })
    .catch(async (error) => {
      const items = await interactions()
      const detail = await env.server.api.get(`/api/workspaces/${env.ws.workspaceId}/interactions/${items[0]?.id}`, { token: env.ws.token })
      throw new Error(`${error}\n${JSON.stringify(detail.body)}\n${JSON.stringify(presence.slice(-6))}\n${await caller.events()}`)
    })
  expect(anaSip.invites().length).toBe(anaInvitesBefore)
  await caller.hangUp()
})
