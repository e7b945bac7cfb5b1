import { Schema, Types, model, type InferSchemaType } from "mongoose";

const queueSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, ref: "Workspace", required: true },
    name: { type: String, required: true },
    channel: { type: String, enum: ["phone", "chat"], required: true },
    teams: { type: [Schema.Types.ObjectId], required: true },
    skills: { type: [String], default: [] },
    languages: { type: [String], default: [] },
    offerTimeoutSeconds: { type: Number, required: true },
    wrapUpSeconds: { type: Number, required: true },
    serviceLevelSeconds: { type: Number, required: true },
    number: { type: String, default: null },
    /**
     * The phone number, or a unique placeholder for chat queues: MongoDB's unique index counts a
     * missing field as null (one chat queue only) and FerretDB has no partial indexes (DESIGN.md §2).
     */
    numberKey: { type: String, required: true },
  },
  { timestamps: true },
);

queueSchema.index({ numberKey: 1 }, { unique: true });
queueSchema.index({ workspaceId: 1 });

export const numberKeyOf = (number: string | null | undefined) => (number ? `tel:${number}` : `none:${new Types.ObjectId().toHexString()}`);

export type QueueDoc = InferSchemaType<typeof queueSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export const QueueModel = model("Queue", queueSchema);
