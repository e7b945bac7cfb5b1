import { trusted } from "mongoose";

export const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A case-insensitive "contains" match for user-typed text: its regex characters are taken literally. */
export const containsText = (text: string) => trusted({ $regex: escapeRegex(text), $options: "i" });
