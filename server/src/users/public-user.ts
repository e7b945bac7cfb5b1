import type { PublicUser } from "@switchboard/shared";
import type { Types } from "mongoose";

export const toPublicUser = (user: {
  _id: Types.ObjectId;
  email: string;
  firstName: string;
  lastName: string;
  organizationId: Types.ObjectId;
}): PublicUser => ({
  id: String(user._id),
  email: user.email,
  firstName: user.firstName,
  lastName: user.lastName,
  organizationId: String(user.organizationId),
});
