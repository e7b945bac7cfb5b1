import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { z } from "zod";

/** What people type between digits; dropped before the number is checked. */
const FORMATTING = /[\s().-]/g;

/**
 * The one phone rule (seed 000, issue 11) for every number the product stores: invitations and
 * their CSV rows, member profiles, contacts, and the settings' caller IDs and forwarding number.
 * A complete number with its country code, a leading + optional, spaces, dashes, dots and
 * brackets allowed on input; libphonenumber-js decides whether it is a real number; stored in
 * E.164 (`+1 212 555 0142` becomes `+12125550142`, `12345` is refused).
 */
export const phoneNumberSchema = z
  .string()
  .trim()
  .max(32)
  .transform((raw) => raw.replace(FORMATTING, ""))
  .pipe(z.string().regex(/^\+?[0-9]+$/, "Digits with the country code (spaces and dashes are fine)"))
  .transform((digits, ctx) => {
    const number = parsePhoneNumberFromString(digits.startsWith("+") ? digits : `+${digits}`);
    if (number?.isValid()) return number.number;
    ctx.addIssue({ code: "custom", input: digits, message: "Not a valid phone number for its country code" });
    return z.NEVER;
  });
