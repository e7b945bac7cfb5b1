import { useEffect, useState } from "react"

/** The current time, re-read every `intervalMs`, for countdowns. */
export function useNow(intervalMs = 250): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs])
  return now
}

export const secondsLeft = (iso: string, now: number) => Math.max(0, Math.ceil((Date.parse(iso) - now) / 1000))
