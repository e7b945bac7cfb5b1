import { useEffect } from "react"

/**
 * A ring while an offer waits (DESIGN.md §13 "a sound"): two short tones every two seconds from
 * Web Audio, so the dock ships no audio file. A page without a user gesture yet may be muted by
 * Chrome's autoplay policy; the notification covers a closed dock.
 */
export function useRing(ringing: boolean): void {
  useEffect(() => {
    if (!ringing) return
    let context: AudioContext | null = null
    const ring = () => {
      try {
        context ??= new AudioContext()
        for (const [offset, frequency] of [[0, 880], [0.25, 660]] as const) {
          const oscillator = context.createOscillator()
          const gain = context.createGain()
          oscillator.frequency.value = frequency
          gain.gain.value = 0.08
          oscillator.connect(gain).connect(context.destination)
          oscillator.start(context.currentTime + offset)
          oscillator.stop(context.currentTime + offset + 0.2)
        }
      } catch {
        // No audio device (or blocked): the card still shows.
      }
    }
    ring()
    const timer = setInterval(ring, 2_000)
    return () => {
      clearInterval(timer)
      void context?.close()
    }
  }, [ringing])
}
