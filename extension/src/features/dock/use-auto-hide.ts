import { useEffect } from "react"

export const AUTO_HIDE_MS = 10_000
const INTERACTIONS = ["pointerdown", "pointermove", "keydown", "wheel", "focusin"] as const

/**
 * autoHideDock: the dock page closes itself after 10 s without interaction (the popup
 * and the side panel alike). `paused` (a live call) keeps it open.
 */
export function useAutoHide(enabled: boolean, paused: boolean): void {
  useEffect(() => {
    if (!enabled || paused) return
    let timer = setTimeout(() => window.close(), AUTO_HIDE_MS)
    const reset = () => {
      clearTimeout(timer)
      timer = setTimeout(() => window.close(), AUTO_HIDE_MS)
    }
    for (const type of INTERACTIONS) window.addEventListener(type, reset, { passive: true })
    return () => {
      clearTimeout(timer)
      for (const type of INTERACTIONS) window.removeEventListener(type, reset)
    }
  }, [enabled, paused])
}
