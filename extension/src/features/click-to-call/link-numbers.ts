import { findNumbers } from "./find-numbers"
import { isRealClick } from "./real-click"

export const CALL_LINK_ATTRIBUTE = "data-switchboard-call"
/**
 * The links this script made. A page may carry its own `data-switchboard-call` elements
 * (copied markup, or on purpose): unlinking leaves those alone.
 */
const madeLinks = new WeakSet<Element>()
const SKIPPED = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEXTAREA", "INPUT", "SELECT", "OPTION", "A", "BUTTON", "CODE", "PRE"])

function isSkipped(node: Node): boolean {
  for (let el = node.parentElement; el; el = el.parentElement) {
    if (SKIPPED.has(el.tagName) || el.isContentEditable) return true
  }
  return false
}

/**
 * Wraps every phone number in text under `root` in a call link. Text is only split and
 * wrapped (never parsed as HTML), so page content cannot inject markup through it.
 * `onCall` runs for a real user click only (see isRealClick).
 */
export function linkNumbers(root: Element, onCall: (e164: string) => void): number {
  const doc = root.ownerDocument
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT)
  const texts: Text[] = []
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (/[0-9]{2}/.test(node.nodeValue ?? "") && !isSkipped(node)) texts.push(node as Text)
  }
  let linked = 0
  for (const text of texts) {
    const value = text.nodeValue ?? ""
    const found = findNumbers(value)
    if (found.length === 0) continue
    const fragment = doc.createDocumentFragment()
    let at = 0
    for (const number of found) {
      fragment.append(value.slice(at, number.startsAt))
      const link = doc.createElement("a")
      link.href = `tel:${number.e164}`
      link.setAttribute(CALL_LINK_ATTRIBUTE, number.e164)
      link.title = `Call ${number.e164} with Switchboard`
      link.textContent = value.slice(number.startsAt, number.endsAt)
      link.addEventListener("click", (event) => {
        event.preventDefault()
        // Only the person's own click calls; a page's script clicking the link does not.
        if (isRealClick(event, link)) onCall(number.e164)
      })
      madeLinks.add(link)
      fragment.append(link)
      at = number.endsAt
      linked += 1
    }
    fragment.append(value.slice(at))
    text.replaceWith(fragment)
  }
  return linked
}

/**
 * Puts the text back: each link made by `linkNumbers` under `root` becomes its text again,
 * and the split text nodes are merged, so the page reads (and serializes) as before.
 */
export function unlinkNumbers(root: Element): number {
  const parents = new Set<Node>()
  let unlinked = 0
  for (const link of root.querySelectorAll(`a[${CALL_LINK_ATTRIBUTE}]`)) {
    if (!madeLinks.has(link) || !link.parentNode) continue
    parents.add(link.parentNode)
    link.replaceWith(root.ownerDocument.createTextNode(link.textContent ?? ""))
    madeLinks.delete(link)
    unlinked += 1
  }
  for (const parent of parents) parent.normalize()
  return unlinked
}

/** How long added content may settle before it is scanned (CRMs render lists in bursts). */
const SETTLE_MS = 150

/**
 * Keeps linking numbers that pages add later (CRMs and other single-page apps render after
 * document_idle). Additions are gathered and scanned once per burst; the links this makes
 * trigger one more, empty, pass (text inside links is skipped). Returns a stop function.
 */
export function watchNumbers(root: Element, onCall: (e164: string) => void): () => void {
  const pending = new Set<Element>()
  let timer: ReturnType<typeof setTimeout> | undefined
  const flush = () => {
    timer = undefined
    for (const element of pending) if (element.isConnected) linkNumbers(element, onCall)
    pending.clear()
  }
  const observer = new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      const changed = mutation.type === "characterData" ? [mutation.target] : [...mutation.addedNodes]
      for (const node of changed) {
        const element = node instanceof Element ? node : node.parentElement
        if (element) pending.add(element)
      }
    }
    if (pending.size > 0) timer ??= setTimeout(flush, SETTLE_MS)
  })
  observer.observe(root, { childList: true, subtree: true, characterData: true })
  return () => {
    observer.disconnect()
    if (timer !== undefined) clearTimeout(timer)
  }
}
