import { findPhoneNumbersInText, type CountryCode } from "libphonenumber-js"

export interface FoundNumber {
  startsAt: number
  endsAt: number
  /** E.164, e.g. +12127365000 */
  e164: string
}

/** Valid phone numbers in a text, international or national to `defaultCountry`. */
export function findNumbers(text: string, defaultCountry: CountryCode = "US"): FoundNumber[] {
  return findPhoneNumbersInText(text, defaultCountry)
    .filter((match) => match.number.isValid())
    .map((match) => ({ startsAt: match.startsAt, endsAt: match.endsAt, e164: match.number.number }))
}
