import { passwordSchema } from "@switchboard/shared";

export interface Strength {
  score: 0 | 1 | 2 | 3 | 4;
  label: string;
  /** The shared rule's message when the password would be refused, else null. */
  problem: string | null;
}

const LABELS = ["Too weak", "Weak", "Fair", "Good", "Strong"] as const;
const COMMON = /^(password|qwerty|letmein|welcome|admin|switchboard)/i;

/**
 * A quick local estimate to guide the user. The accept rule itself is the shared
 * passwordSchema, so the meter can never call "strong" what the server refuses.
 */
export function passwordStrength(password: string): Strength {
  const parsed = passwordSchema.safeParse(password);
  const problem = parsed.success ? null : (parsed.error.issues[0]?.message ?? "Not accepted");
  if (!password) return { score: 0, label: LABELS[0], problem };
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  let points = 0;
  if (password.length >= 10) points++;
  if (password.length >= 14) points++;
  if (classes >= 3) points++;
  if (password.length >= 18 || classes === 4) points++;
  if (COMMON.test(password) || /(.)\1{3,}/.test(password)) points = Math.min(points, 1);
  const score = (problem ? Math.min(points, 1) : Math.max(points, 2)) as Strength["score"];
  return { score, label: LABELS[score], problem };
}
