import mongoose from "mongoose";
import { detectEngine } from "./engine.js";

// DESIGN.md §11: `$`-keys never reach a query, whatever a route forgets. Our own
// operator queries opt in with mongoose.trusted({ $gt: … }).
mongoose.set("sanitizeFilter", true);
mongoose.set("strictQuery", true);

/** Connects the default mongoose connection and builds every model's indexes. */
export async function connectDatabase(uri: string, dbName: string): Promise<typeof mongoose> {
  await mongoose.connect(uri, { dbName, serverSelectionTimeoutMS: 10_000, autoIndex: false });
  await detectEngine();
  await Promise.all(Object.values(mongoose.models).map((model) => model.createIndexes()));
  return mongoose;
}

export const disconnectDatabase = () => mongoose.disconnect();
