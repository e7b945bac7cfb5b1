import type { Page } from "playwright-core"
import { afterAll, beforeAll, expect, it } from "vitest"
import { peerCredentials, startKamailio, type TestKamailio } from "@switchboard/server/test-support"
import { serveSipPeerPage, SipPeer } from "./support/sip-peer"
import { serveStatic, type StaticServer } from "@switchboard/server/test-support"
import { signInDock, startDockEnv, type Agent, type DockEnv } from "./support/dock-env"

// Issue 6, acceptance 4: the content script turns phone numbers into call links that call
// through Kamailio; with click to call off the page is left untouched.
let env: DockEnv
let kamailio: TestKamailio
let peers: StaticServer & { pageUrl: string }
let site: StaticServer
let agent: Agent
let dock: Page

const PAGE_BODY = `<h1>Contacts</h1>
<p>London: <span>+44 20 7183 8750</span></p>
<p>Paris office +33 1 42 68 53 00, New York (212) 736-5000 or 212.736.5001.</p>
<p>Order 12345, zip 10001, date 2024-01-15.</p>
<textarea>(212) 736-5002</textarea>`

const putSettings = (overrides: Record<string, unknown>) => env.setMemberSettings(agent.userId, overrides)

beforeAll(async () => {
  kamailio = await startKamailio()
  env = await startDockEnv("click-to-call", { kamailio })
  peers = await serveSipPeerPage()
  site = await serveStatic({
    "/crm.html": { contentType: "text/html; charset=utf-8", body: `<!doctype html><meta charset="utf-8"><body>${PAGE_BODY}</body>` },
  })
  agent = await env.addAgent("Cleo Clicker")
  expect((await putSettings({ phoneId: "agent", sipWebSocketUrl: kamailio.wsUrl, clickToCall: true })).status).toBe(200)
  dock = await env.openDock()
  await signInDock(dock, env.server.url, agent)
  await dock.locator('[data-testid="softphone-status"][data-registration="registered"]').waitFor({ timeout: 30_000 })
})
afterAll(async () => {
  await env?.close()
  await site?.close()
  await peers?.close()
  await kamailio?.stop()
})

it("links numbers in several formats and a click calls through Kamailio", async () => {
  const peerPage = await env.browser.context.newPage()
  await peerPage.goto(peers.pageUrl)
  const callee = await SipPeer.start(peerPage, { wsUrl: kamailio.wsUrl, user: "+12127365000", domain: kamailio.domain, ...peerCredentials(kamailio, "+12127365000") })

  const crm = await env.browser.context.newPage()
  await crm.goto(`${site.origin}/crm.html`)
  const links = crm.locator("a[data-switchboard-call]")
  await links.nth(3).waitFor({ timeout: 10_000 })
  expect(await links.evaluateAll((all) => all.map((a) => [a.textContent, a.getAttribute("data-switchboard-call")]))).toEqual([
    ["+44 20 7183 8750", "+442071838750"],
    ["+33 1 42 68 53 00", "+33142685300"],
    ["(212) 736-5000", "+12127365000"],
    ["212.736.5001", "+12127365001"],
  ])
  // Text around the numbers is untouched; form fields are never rewritten.
  await expect(crm.locator("body").innerText()).resolves.toContain("Order 12345, zip 10001, date 2024-01-15.")
  await expect(crm.locator("textarea").inputValue()).resolves.toBe("(212) 736-5002")
  await env.screenshot(crm, "linked-page")

  // Content a single-page app renders later is linked too; text nodes changed in place as well.
  await crm.evaluate(() => {
    const row = document.createElement("p")
    row.id = "late"
    row.textContent = "New lead: +1 650 253 0000"
    document.body.append(row)
  })
  await crm.locator('#late a[data-switchboard-call="+16502530000"]').waitFor({ timeout: 2_000 })
  await crm.evaluate(() => {
    const order = [...document.querySelectorAll("p")].find((p) => p.textContent?.startsWith("Order"))!
    order.firstChild!.nodeValue = "Callback on 212-736-5003."
  })
  await crm.locator('a[data-switchboard-call="+12127365003"]').waitFor({ timeout: 2_000 })

  await crm.getByText("(212) 736-5000").click()
  await callee.waitForEvent("session#0:incoming")
  await callee.answer()
  await callee.waitForEvent("session#0:confirmed")
  await dock.locator('[data-testid="call"][data-direction="outgoing"][data-status="confirmed"]').waitFor({ timeout: 15_000 })
  await env.screenshot(dock, "click-to-call-on-call")
  await callee.hangUp()
  await dock.locator('[data-testid="call"]').waitFor({ state: "detached", timeout: 15_000 })
  await crm.close()
})

it("changes nothing on the page with click to call off", async () => {
  expect((await putSettings({ phoneId: "agent", sipWebSocketUrl: kamailio.wsUrl, clickToCall: false })).status).toBe(200)
  await dock.locator('[data-testid="dock"][data-click-to-call="false"]').waitFor({ timeout: 1_000 })

  const crm = await env.browser.context.newPage()
  await crm.goto(`${site.origin}/crm.html`)
  const before = await crm.evaluate(() => document.body.innerHTML)
  // The content script asks the background at document_idle; give it ample time to (not) act.
  await crm.waitForTimeout(2_000)
  expect(await crm.evaluate(() => document.body.innerHTML)).toBe(before)
  // Nor is anything added later.
  await crm.evaluate(() => document.body.append(Object.assign(document.createElement("p"), { textContent: "Later: (212) 736-5004" })))
  await crm.waitForTimeout(1_000)
  expect(await crm.locator("a").count()).toBe(0)
  expect(await crm.locator("a").count()).toBe(0)
  await env.screenshot(crm, "untouched-page")
})

it("an open page follows click to call turned off and on, and sign-out, without a reload", async () => {
  expect((await putSettings({ phoneId: "agent", sipWebSocketUrl: kamailio.wsUrl, clickToCall: true })).status).toBe(200)
  await dock.locator('[data-testid="dock"][data-click-to-call="true"]').waitFor({ timeout: 5_000 })
  const crm = await env.browser.context.newPage()
  await crm.goto(`${site.origin}/crm.html`)
  const links = crm.locator("a[data-switchboard-call]")
  await links.nth(3).waitFor({ timeout: 10_000 })
  // Content a single-page app rendered after load is linked too, and must be put back as well.
  await crm.evaluate(() => document.body.append(Object.assign(document.createElement("p"), { id: "late", textContent: "New lead: +1 650 253 0000" })))
  await crm.locator('#late a[data-switchboard-call="+16502530000"]').waitFor({ timeout: 2_000 })
  // The page as served plus the late row, serialized by the same browser; and a mark a reload would wipe.
  const original = await crm.evaluate((body) => {
    const served = new DOMParser().parseFromString(`<!doctype html><meta charset="utf-8"><body>${body}</body>`, "text/html").body
    served.append(Object.assign(document.createElement("p"), { id: "late", textContent: "New lead: +1 650 253 0000" }))
    ;(window as unknown as { notReloaded?: boolean }).notReloaded = true
    return { html: served.innerHTML, text: served.textContent }
  }, PAGE_BODY)
  expect(await crm.evaluate(() => document.body.innerHTML)).not.toBe(original.html)

  expect((await putSettings({ phoneId: "agent", sipWebSocketUrl: kamailio.wsUrl, clickToCall: false })).status).toBe(200)
  await crm.waitForFunction(() => document.querySelectorAll("[data-switchboard-call]").length === 0, null, { timeout: 1_000 })
  expect(await crm.evaluate(() => document.body.innerHTML)).toBe(original.html)
  expect(await crm.evaluate(() => document.body.textContent)).toBe(original.text)
  await env.screenshot(crm, "links-removed-when-turned-off")
  // The watch stopped too: numbers the page adds now stay plain text.
  await crm.evaluate(() => document.body.append(Object.assign(document.createElement("p"), { id: "later", textContent: "Later: (212) 736-5004" })))
  await crm.waitForTimeout(1_000)
  expect(await crm.locator("a").count()).toBe(0)
  // Taken after the screenshot, which leaves an empty style attribute on the textarea.
  const unlinked = await crm.evaluate(() => document.body.innerHTML)

  expect((await putSettings({ phoneId: "agent", sipWebSocketUrl: kamailio.wsUrl, clickToCall: true })).status).toBe(200)
  await crm.locator('#later a[data-switchboard-call="+12127365004"]').waitFor({ timeout: 1_000 })
  expect(await links.evaluateAll((all) => all.map((a) => a.getAttribute("data-switchboard-call")))).toEqual([
    "+442071838750",
    "+33142685300",
    "+12127365000",
    "+12127365001",
    "+16502530000",
    "+12127365004",
  ])
  expect(await crm.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true)
  await env.screenshot(crm, "links-back-when-turned-on")

  // Signing out counts as off.
  await dock.getByRole("button", { name: "Sign out" }).click()
  await crm.waitForFunction(() => document.querySelectorAll("[data-switchboard-call]").length === 0, null, { timeout: 1_000 })
  expect(await crm.evaluate(() => document.body.innerHTML)).toBe(unlinked)
  await env.screenshot(crm, "links-removed-on-sign-out")
  await crm.close()
})

it("security: a page's own script clicking a call link places no call; only a real click does", async () => {
  expect((await putSettings({ phoneId: "agent", sipWebSocketUrl: kamailio.wsUrl, clickToCall: true })).status).toBe(200)
  // The previous test ends signed out.
  if ((await dock.getByTestId("dock").getAttribute("data-signed-in")) === "false") await signInDock(dock, env.server.url, agent)
  await dock.locator('[data-testid="dock"][data-click-to-call="true"]').waitFor({ timeout: 5_000 })
  await dock.locator('[data-testid="softphone-status"][data-registration="registered"]').waitFor({ timeout: 30_000 })
  const peerPage = await env.browser.context.newPage()
  await peerPage.goto(peers.pageUrl)
  const callee = await SipPeer.start(peerPage, { wsUrl: kamailio.wsUrl, user: "+12127365001", domain: kamailio.domain, ...peerCredentials(kamailio, "+12127365001") })

  const crm = await env.browser.context.newPage()
  await crm.goto(`${site.origin}/crm.html`)
  // The number as the page shows it (the first link); the page adds others below.
  const link = crm.locator('a[data-switchboard-call="+12127365001"]').first()
  await link.waitFor({ timeout: 10_000 })
  // What a hostile page does: a number nobody sees, linked by the content script, then clicked by
  // the page's own script (page.evaluate runs in the page's world, as the site's scripts do).
  await crm.evaluate(() => {
    const hidden = document.createElement("p")
    hidden.id = "hidden"
    hidden.style.display = "none"
    hidden.textContent = "+1 212-736-5001"
    document.body.append(hidden)
  })
  await crm.locator('#hidden a[data-switchboard-call="+12127365001"]').waitFor({ state: "attached", timeout: 2_000 })
  await crm.evaluate(() => {
    const links = [...document.querySelectorAll<HTMLAnchorElement>('a[data-switchboard-call="+12127365001"]')]
    for (const target of links) {
      target.click()
      target.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, view: window }))
      target.dispatchEvent(new PointerEvent("click", { bubbles: true, cancelable: true, view: window }))
    }
  })
  // Clickjacking: the page lays a transparent call link over its own button and waits for a
  // real click on the button. The click is trusted, but lands on a link nobody can see.
  await crm.evaluate(() => {
    const decoy = document.createElement("div")
    decoy.style.cssText = "position:fixed;top:300px;left:20px;width:200px;height:40px"
    decoy.innerHTML = `<button style="width:200px;height:40px">Play video</button>`
    const trap = document.createElement("span")
    trap.id = "trap"
    trap.style.cssText = "position:absolute;inset:0;opacity:0;font-size:30px"
    trap.textContent = "+1 212-736-5001"
    decoy.append(trap)
    document.body.append(decoy)
  })
  await crm.locator('#trap a[data-switchboard-call="+12127365001"]').waitFor({ timeout: 2_000 })
  await crm.mouse.click(60, 315)
  expect(await crm.evaluate(() => document.elementFromPoint(60, 315)?.closest("#trap") !== null)).toBe(true)
  // An INVITE reaches the peer within a second through the loopback Kamailio (the real click
  // below shows it); three seconds of silence means none was sent.
  await crm.waitForTimeout(3_000)
  expect(await callee.events()).not.toContain("session#0:incoming")
  expect(await dock.locator('[data-testid="call"]').count()).toBe(0)

  // A real click (Playwright's mouse goes through the browser's input pipeline: isTrusted) calls.
  await link.click()
  await callee.waitForEvent("session#0:incoming", 10_000)
  await dock.locator('[data-testid="call"][data-direction="outgoing"]').waitFor({ timeout: 10_000 })
  await callee.hangUp()
  await dock.locator('[data-testid="call"]').waitFor({ state: "detached", timeout: 15_000 })
  await crm.close()
  await callee.stop()
  await peerPage.close()
})

it("security: with blockManualDialing the dock's click-to-call still connects, through a server-issued reference", async () => {
  expect((await putSettings({ phoneId: "agent", sipWebSocketUrl: kamailio.wsUrl, clickToCall: true, blockManualDialing: true })).status).toBe(200)
  const peerPage = await env.browser.context.newPage()
  await peerPage.goto(peers.pageUrl)
  const callee = await SipPeer.start(peerPage, { wsUrl: kamailio.wsUrl, user: "+33142685300", domain: kamailio.domain, ...peerCredentials(kamailio, "+33142685300") })
  const crm = await env.browser.context.newPage()
  await crm.goto(`${site.origin}/crm.html`)
  await crm.locator('a[data-switchboard-call="+33142685300"]').waitFor({ timeout: 10_000 })
  await crm.getByText("+33 1 42 68 53 00").click()
  await callee.waitForEvent("session#0:incoming")
  // Kamailio refuses typed digits under blockManualDialing: the dock dialed the opaque reference.
  expect((await callee.invites())[0]).toMatch(/^To: <sip:ref-[A-Za-z0-9_-]+@/m)
  await callee.answer()
  await dock.locator('[data-testid="call"][data-direction="outgoing"][data-status="confirmed"]').waitFor({ timeout: 15_000 })
  await callee.hangUp()
  await dock.locator('[data-testid="call"]').waitFor({ state: "detached", timeout: 15_000 })
  await crm.close()
})
