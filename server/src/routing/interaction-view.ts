import { maskContactDetailsInText, maskEmail, maskPhone, type ChatMessage, type Interaction, type InteractionDetail, type Offer } from "@switchboard/shared";
import type { InteractionDoc, StoredMessage, StoredOffer } from "./interaction.model.js";

/** How a reader sees customers: from their restrictions (maskContactInfo) and settings (maskPhoneNumber). */
export interface ContactMasking {
  email: boolean;
  phone: boolean;
}
export const NO_MASKING: ContactMasking = Object.freeze({ email: false, phone: false });


/** A customer who types their own e-mail or number into the chat must not defeat masking either. */
function maskText(text: string, doc: Pick<InteractionDoc, "contact">, masking: ContactMasking): string {
  let out = text;
  const { email, phone } = doc.contact ?? {};
  if (masking.email && email) out = out.split(email).join(maskEmail(email));
  if (masking.phone && phone) out = out.split(phone).join(maskPhone(phone));
  return maskContactDetailsInText(out, masking);
}

export function toMessageView(message: StoredMessage, doc: Pick<InteractionDoc, "contact">, masking: ContactMasking): ChatMessage {
  return {
    id: message._id,
    from: message.from,
    text: maskText(message.text, doc, masking),
    at: message.at.toISOString(),
    ...(message.authorName ? { authorName: message.authorName } : {}),
  };
}

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

/** The only way an interaction leaves the server. */
export function toInteractionView(doc: InteractionDoc, masking: ContactMasking): Interaction {
  const contact = doc.contact ?? { name: null, phone: null, email: null };
  const masked = masking.email || masking.phone;
  return {
    id: String(doc._id),
    workspaceId: String(doc.workspaceId),
    kind: doc.kind,
    queue: { id: String(doc.queueId), name: doc.queueName },
    state: doc.state,
    agent: doc.agentId ? { id: String(doc.agentId), name: doc.agentName ?? "" } : null,
    contact: {
      name: contact.name ?? null,
      phone: contact.phone ? (masking.phone ? maskPhone(contact.phone) : contact.phone) : null,
      email: contact.email ? (masking.email ? maskEmail(contact.email) : contact.email) : null,
      masked,
    },
    enqueuedAt: doc.enqueuedAt.toISOString(),
    answeredAt: iso(doc.answeredAt),
    endedAt: iso(doc.endedAt),
    closedAt: iso(doc.closedAt),
    wrapUpUntil: iso(doc.wrapUpUntil),
    closedBy: doc.closedBy ?? null,
    offers: doc.offers.map((offer) => ({
      id: offer._id,
      agent: { id: String(offer.agentId), name: offer.agentName },
      createdAt: offer.createdAt.toISOString(),
      expiresAt: offer.expiresAt.toISOString(),
      endedAt: iso(offer.endedAt),
      outcome: offer.outcome ?? null,
    })),
  };
}

export function toInteractionDetail(doc: InteractionDoc, masking: ContactMasking): InteractionDetail {
  return { ...toInteractionView(doc, masking), messages: doc.messages.map((m) => toMessageView(m, doc, masking)) };
}

/** `offer:new`: the customer as the agent may see them, and the chat's first words. */
export function toOfferView(doc: InteractionDoc, offer: StoredOffer, masking: ContactMasking): Offer {
  const view = toInteractionView(doc, masking);
  const first = doc.messages.find((m) => m.from === "visitor");
  return {
    offerId: offer._id,
    interactionId: view.id,
    kind: view.kind,
    queue: view.queue,
    display: {
      ...(view.contact.name ? { name: view.contact.name } : {}),
      ...(view.contact.phone ? { number: view.contact.phone } : {}),
      ...(view.contact.email ? { email: view.contact.email } : {}),
    },
    ...(first ? { preview: maskText(first.text, doc, masking).slice(0, 200) } : {}),
    createdAt: offer.createdAt.toISOString(),
    expiresAt: offer.expiresAt.toISOString(),
  };
}
