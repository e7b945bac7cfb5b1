import { Schema, model } from "mongoose";

/**
 * First-run guard without transactions: the one document with _id "setup" can be
 * inserted once, so two concurrent setup requests cannot both create an admin.
 */
const setupLockSchema = new Schema({ _id: { type: String, required: true }, at: { type: Date, required: true } });
export const SetupLockModel = model("SetupLock", setupLockSchema);
