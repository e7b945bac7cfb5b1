import type { Interaction, InteractionState, OfferOutcome } from "@switchboard/shared";
import { formatDuration } from "../presence/presence-format";

export const STATE_LABEL: Record<InteractionState, string> = {
  queued: "Queued",
  offered: "Offered",
  connected: "Connected",
  wrapup: "Wrap-up",
  closed: "Closed",
  abandoned: "Abandoned",
};

export const OUTCOME_LABEL: Record<OfferOutcome, string> = { accepted: "Accepted", declined: "Declined", timeout: "Timed out", cancelled: "Cancelled" };

/** The customer as the reader may see them (the server already masked phone and e-mail). */
export function customerOf(interaction: Pick<Interaction, "contact">): string {
  const { name, email, phone } = interaction.contact;
  return name ?? email ?? phone ?? "Visitor";
}

const ms = (iso: string | null) => (iso ? new Date(iso).getTime() : null);

/** Time to answer: enqueued → answered (or still waiting / never answered). */
export function waitText(interaction: Interaction, now = Date.now()): string {
  const start = ms(interaction.enqueuedAt)!;
  const answered = ms(interaction.answeredAt);
  if (answered !== null) return formatDuration(answered - start);
  const ended = ms(interaction.endedAt) ?? ms(interaction.closedAt);
  if (ended !== null) return "—";
  return formatDuration(now - start);
}

/** Talk (or chat) time: answered → ended, or running while connected. */
export function handleText(interaction: Interaction, now = Date.now()): string {
  const answered = ms(interaction.answeredAt);
  if (answered === null) return "—";
  return formatDuration((ms(interaction.endedAt) ?? now) - answered);
}

/** A date box (yyyy-mm-dd, the reader's day) as the ISO instant it starts; `nextDay` for an exclusive end. */
export function dayStartIso(day: string, nextDay = false): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + (nextDay ? 1 : 0));
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
