import { Schema, model, type InferSchemaType } from "mongoose";

const organizationSchema = new Schema({ name: { type: String, required: true } }, { timestamps: true });

export type OrganizationDoc = InferSchemaType<typeof organizationSchema>;
export const OrganizationModel = model("Organization", organizationSchema);
