import { findPhoneNumbersInText, parsePhoneNumberFromString } from "libphonenumber-js/max";

export const MASK_CHAR = "•";

/** Masks every digit of `text` but the last `keep`. */
function maskDigits(text: string, keep: number): string {
  let remaining = text.replace(/\D/g, "").length - keep;
  return text.replace(/\d/g, (digit) => (remaining-- > 0 ? MASK_CHAR : digit));
}

/**
 * Seed 003 / DESIGN.md §5: a masked agent sees `+1 415 ••• ••67` — country code and
 * first group (the area), then only the last two digits.
 */
export function maskPhone(phone: string): string {
  const parsed = parsePhoneNumberFromString(phone);
  if (!parsed) return maskDigits(phone, 2);
  const [country = "", area = "", ...rest] = parsed.formatInternational().split(" ");
  if (rest.length === 0) return `${country} ${maskDigits(area, 2)}`;
  return `${country} ${area} ${maskDigits(rest.join(" "), 2)}`;
}

/** `jane.doe@example.com` → `j•••@example.com`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return MASK_CHAR.repeat(3);
  return `${email[0]}${MASK_CHAR.repeat(3)}${email.slice(at)}`;
}

const EMAIL_IN_TEXT = /[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[a-z]{2,}/gi;

/**
 * Free text a masked agent receives (chat messages): a customer who types their own e-mail or
 * number must not defeat masking (DESIGN.md §5 "in every API response and socket payload").
 */
export function maskContactDetailsInText(text: string, masking: { email: boolean; phone: boolean }): string {
  let out = masking.email ? text.replace(EMAIL_IN_TEXT, (email) => maskEmail(email)) : text;
  if (masking.phone) {
    // Replace from the end so earlier offsets stay valid.
    for (const found of findPhoneNumbersInText(out, { defaultCountry: "US" }).reverse()) {
      out = out.slice(0, found.startsAt) + maskPhone(found.number.number) + out.slice(found.endsAt);
    }
  }
  return out;
}

/**
 * A stored snapshot of a contact (an audit event's `before` / `after`) as a masked agent may
 * read it: its `phone` and `email` masked like the contact itself, every other field as is.
 */
export function maskContactSnapshot(snapshot: unknown): unknown {
  if (snapshot === null || typeof snapshot !== "object" || Array.isArray(snapshot)) return snapshot;
  const record = { ...(snapshot as Record<string, unknown>) };
  if (typeof record.phone === "string" && record.phone) record.phone = maskPhone(record.phone);
  if (typeof record.email === "string" && record.email) record.email = maskEmail(record.email);
  return record;
}
