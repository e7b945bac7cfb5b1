// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest"
import { CALL_LINK_ATTRIBUTE, linkNumbers, unlinkNumbers, watchNumbers } from "./link-numbers"

/** A CRM-like page: numbers in several national and international formats, mixed with markup. */
const SAMPLE_PAGE = `
  <h1>Acme Corp</h1>
  <p>Main line: +1 212-736-5000, or (212) 736-5001 after hours.</p>
  <ul>
    <li>Paris office <b>+33 1 42 68 53 00</b></li>
    <li>Berlin: +49 30 901820 &amp; fax +49 30 9018 2111</li>
    <li>Support 212.736.5002 — open 9 to 5</li>
  </ul>
  <table><tr><td>Order 2024-0042</td><td>+44 20 7946 0958</td></tr></table>
  <a href="/x">Linked already: +1 212-736-5003</a>
  <textarea>+1 212-736-5004</textarea>
`

const callLinks = (root: ParentNode) => root.querySelectorAll(`a[${CALL_LINK_ATTRIBUTE}]`)
const settle = () => new Promise((resolve) => setTimeout(resolve, 400))
const ignoreCall = () => undefined

afterEach(() => {
  document.body.innerHTML = ""
})

describe("unlinkNumbers", () => {
  it("puts back exactly the original markup after linking", () => {
    document.body.innerHTML = SAMPLE_PAGE
    const original = document.body.innerHTML
    const originalText = document.body.textContent

    const linked = linkNumbers(document.body, ignoreCall)

    expect(linked).toBe(7)
    expect([...callLinks(document.body)].map((link) => link.getAttribute(CALL_LINK_ATTRIBUTE))).toEqual([
      "+12127365000",
      "+12127365001",
      "+33142685300",
      "+4930901820",
      "+493090182111",
      "+12127365002",
      "+442079460958",
    ])
    expect(document.body.innerHTML).not.toBe(original)

    expect(unlinkNumbers(document.body)).toBe(linked)
    expect(callLinks(document.body)).toHaveLength(0)
    expect(document.body.innerHTML).toBe(original)
    expect(document.body.textContent).toBe(originalText)
  })

  it("merges the text it split, so the page has no stray empty or adjacent text nodes", () => {
    document.body.innerHTML = "<p>Call +1 212-736-5000</p>"
    const paragraph = document.querySelector("p")!
    linkNumbers(document.body, ignoreCall)
    unlinkNumbers(document.body)
    expect([...paragraph.childNodes].map((node) => node.nodeValue)).toEqual(["Call +1 212-736-5000"])
  })

  it("leaves call links the page made itself", () => {
    document.body.innerHTML = `<p>Ours: +1 212-736-5000</p><a ${CALL_LINK_ATTRIBUTE}="+12127365009" href="tel:+12127365009">page's own</a>`
    linkNumbers(document.body, ignoreCall)
    expect(unlinkNumbers(document.body)).toBe(1)
    expect(callLinks(document.body)).toHaveLength(1)
    expect(document.querySelector("a")?.textContent).toBe("page's own")
  })

  it("is a no-op on a page it never linked, and when run twice", () => {
    document.body.innerHTML = SAMPLE_PAGE
    const original = document.body.innerHTML
    expect(unlinkNumbers(document.body)).toBe(0)
    linkNumbers(document.body, ignoreCall)
    unlinkNumbers(document.body)
    expect(unlinkNumbers(document.body)).toBe(0)
    expect(document.body.innerHTML).toBe(original)
  })

  it("after the watch is stopped and links removed, later additions stay untouched", async () => {
    document.body.innerHTML = SAMPLE_PAGE
    linkNumbers(document.body, ignoreCall)
    const stopWatching = watchNumbers(document.body, ignoreCall)

    // While watching, content the page renders later is linked too.
    const rendered = document.createElement("div")
    rendered.innerHTML = "<span>Late row: +33 1 42 68 53 01</span>"
    document.body.append(rendered)
    await settle()
    expect(callLinks(rendered)).toHaveLength(1)

    // A burst still settling when the watch stops is dropped, not linked afterwards.
    const inFlight = document.createElement("div")
    inFlight.textContent = "Mid-burst: +1 212-736-5006"
    document.body.append(inFlight)
    stopWatching()
    unlinkNumbers(document.body)
    const afterUnlink = document.body.innerHTML
    expect(callLinks(document.body)).toHaveLength(0)
    expect(rendered.innerHTML).toBe("<span>Late row: +33 1 42 68 53 01</span>")

    const later = document.createElement("p")
    later.textContent = "Added after: +1 212-736-5007"
    document.body.append(later)
    inFlight.textContent = "Edited after: +1 212-736-5008"
    await settle()

    expect(callLinks(document.body)).toHaveLength(0)
    expect(later.innerHTML).toBe("Added after: +1 212-736-5007")
    expect(document.body.innerHTML).toBe(afterUnlink.replace("Mid-burst: +1 212-736-5006", "Edited after: +1 212-736-5008") + later.outerHTML)
  })
})

describe("call links", () => {
  it("security: a script's click on a call link places no call (only trusted clicks do)", () => {
    document.body.innerHTML = `<p>Call +1 212-736-5000</p><p style="display:none">+1 212-736-5001</p>`
    const calls: string[] = []
    linkNumbers(document.body, (e164) => calls.push(e164))
    const links = [...document.querySelectorAll<HTMLAnchorElement>(`a[${CALL_LINK_ATTRIBUTE}]`)]
    expect(links).toHaveLength(2)
    for (const link of links) {
      link.click()
      const synthetic = new MouseEvent("click", { bubbles: true, cancelable: true })
      link.dispatchEvent(synthetic)
      // The link's own tel: navigation is cancelled either way.
      expect(synthetic.defaultPrevented).toBe(true)
    }
    expect(calls).toEqual([])
  })
})
