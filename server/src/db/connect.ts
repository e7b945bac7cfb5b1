import mongoose from "mongoose";
import { ensureIndexes } from "./ensure-indexes.js";
import { assertEngineForNodes } from "./single-node.js";
import { serializeWrites } from "./write-queue.js";

// DESIGN.md §11: `$`-keys never reach a query, whatever a route forgets. Our own
// operator queries opt in with mongoose.trusted({ $gt: … }).
mongoose.set("sanitizeFilter", true);
mongoose.set("strictQuery", true);

export type DatabaseEngine = "ferretdb" | "mongodb";

export interface ConnectOptions {
  /** REDIS_URL is set: this node is one of several (refused on FerretDB, see single-node.ts). */
  severalNodes?: boolean;
}

/** FerretDB answers buildInfo with its own `ferretdbVersion` next to the MongoDB version it mimics. */
async function probeEngine(uri: string): Promise<DatabaseEngine> {
  const client = new mongoose.mongo.MongoClient(uri, { serverSelectionTimeoutMS: 10_000, maxPoolSize: 1 });
  try {
    const info = await client.db("admin").command({ buildInfo: 1 });
    return typeof info.ferretdbVersion === "string" ? "ferretdb" : "mongodb";
  } finally {
    await client.close();
  }
}

/**
 * Connects the default mongoose connection and builds missing indexes. On FerretDB every write
 * of this process is serialized (write-queue.ts) and the pool is small: each FerretDB operation
 * and open cursor holds one of its 100 SQLite connections, and an index build waiting for one
 * while holding its registry lock stalls every query.
 */
export async function connectDatabase(uri: string, dbName: string, options: ConnectOptions = {}): Promise<DatabaseEngine> {
  const engine = await probeEngine(uri);
  assertEngineForNodes(engine, options.severalNodes ?? false);
  if (engine === "ferretdb") serializeWrites();
  await mongoose.connect(uri, {
    dbName,
    serverSelectionTimeoutMS: 10_000,
    autoIndex: false,
    ...(engine === "ferretdb" ? { maxPoolSize: 16, heartbeatFrequencyMS: 2_000 } : {}),
  });
  await ensureIndexes();
  return engine;
}

export const disconnectDatabase = () => mongoose.disconnect();
