import { maskEmail, maskPhone, type Contact } from "@switchboard/shared";
import type { Types } from "mongoose";

export interface StoredContact {
  _id: Types.ObjectId;
  name: string;
  phone?: string | null;
  email?: string | null;
  assigneeId?: Types.ObjectId | null;
  teamId?: Types.ObjectId | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The only way a contact leaves the server: masked agents (seed 003) never get the clear values. */
export function toContactView(doc: StoredContact, masked: boolean): Contact {
  const phone = doc.phone ?? null;
  const email = doc.email ?? null;
  return {
    id: String(doc._id),
    name: doc.name,
    phone: phone && masked ? maskPhone(phone) : phone,
    email: email && masked ? maskEmail(email) : email,
    assigneeId: doc.assigneeId ? String(doc.assigneeId) : null,
    teamId: doc.teamId ? String(doc.teamId) : null,
    masked,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}
