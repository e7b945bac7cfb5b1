/**
 * Whether a click on one of our call links is the person's own, so it may place a call.
 *
 * A web page shares the DOM with this content script: its scripts can create, hide and
 * click our links (`link.click()`, `dispatchEvent(new MouseEvent("click"))`), which would
 * place a call from any site the agent visits (toll fraud). Only the browser's own input
 * pipeline makes `isTrusted` events, and only real input gives the page transient user
 * activation; a script can fake neither. A real click on a link the page has hidden
 * (clickjacking: the link under a decoy, or transparent) is refused too: the link must be
 * rendered and visible, and a pointer click must land on it.
 */
export function isRealClick(event: MouseEvent, link: HTMLElement): boolean {
  if (!event.isTrusted) return false
  // Chrome ≥ 72 records real input per frame; absent elsewhere, where isTrusted alone decides.
  const activation = (navigator as Navigator & { userActivation?: { isActive: boolean } }).userActivation
  if (activation && !activation.isActive) return false
  if (typeof link.checkVisibility === "function" && !link.checkVisibility({ opacityProperty: true, visibilityProperty: true })) {
    return false
  }
  // Keyboard activation (Enter on the focused link) has no pointer position: detail is 0.
  if (event.detail === 0) return true
  const hit = link.ownerDocument.elementFromPoint(event.clientX, event.clientY)
  return hit !== null && (hit === link || link.contains(hit))
}
