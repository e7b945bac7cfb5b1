import { z } from "zod";

/** The columns a CSV import reads (DESIGN.md §7); name and email are required. */
export const CSV_COLUMNS = Object.freeze(["name", "email", "phone", "roles", "teams"] as const);
export type CsvColumn = (typeof CSV_COLUMNS)[number];
export const CSV_IGNORE = "ignore";

/**
 * Headers people's exports use for our columns (Google, Outlook, HubSpot, Aircall exports…),
 * compared after `headerKey`, so "E-mail Address", "email_address" and "EMAIL ADDRESS" are one.
 */
export const CSV_COLUMN_SYNONYMS: Readonly<Record<CsvColumn, readonly string[]>> = Object.freeze({
  name: ["name", "full name", "fullname", "contact name", "display name", "person", "agent", "user name"],
  email: ["email", "e-mail", "email address", "e-mail address", "mail", "work email", "login"],
  phone: ["phone", "phone number", "mobile", "mobile phone", "mobile number", "cell", "cell phone", "telephone", "tel", "work phone"],
  roles: ["roles", "role"],
  teams: ["teams", "team", "group", "groups"],
});

/** Case, spaces, dashes, dots and underscores do not tell two headers apart. */
export const headerKey = (cell: string): string => cell.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");

const BY_KEY = new Map<string, CsvColumn>(CSV_COLUMNS.flatMap((column) => CSV_COLUMN_SYNONYMS[column].map((synonym) => [headerKey(synonym), column] as const)));

/** Our column for a header cell, or null when no synonym matches. */
export const guessCsvColumn = (cell: string): CsvColumn | null => BY_KEY.get(headerKey(cell)) ?? null;

/**
 * The uploader's column mapping, one entry per header cell in file order: our column, or "ignore".
 * Sent as one JSON multipart field; without it the server guesses from the synonyms.
 */
export const csvColumnMappingSchema = z.array(z.enum([...CSV_COLUMNS, CSV_IGNORE])).min(1).max(50);
export type CsvColumnMapping = z.infer<typeof csvColumnMappingSchema>;

/** How the server read a file's header: each cell and the column it fills (null: not used). */
export const csvColumnsReportSchema = z.array(z.object({ header: z.string(), column: z.enum(CSV_COLUMNS).nullable() }));
export type CsvColumnsReport = z.infer<typeof csvColumnsReportSchema>;
