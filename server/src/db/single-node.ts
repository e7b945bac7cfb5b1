/**
 * The embedded database serializes writes inside one server process only (write-queue.ts), so
 * server nodes sharing it would lose updates again (DESIGN.md §2). Several nodes — which is what
 * REDIS_URL means — need MongoDB.
 */
export const SEVERAL_NODES_NEED_MONGODB =
  "REDIS_URL is set, so this is one of several server nodes, and several nodes need MONGODB_URI pointing at MongoDB ≥ 6: " +
  "the embedded database (FerretDB) keeps updates correct only within a single server process.";

/**
 * UNSAFE, test harness only: lets two test nodes share the run's FerretDB to test fan-out through
 * Redis. Concurrent writes from the two nodes to one document can be lost.
 */
export const ALLOW_SHARED_EMBEDDED_DB = "SWITCHBOARD_ALLOW_SHARED_EMBEDDED_DB";

export class SingleNodeDatabaseError extends Error {
  constructor() {
    super(SEVERAL_NODES_NEED_MONGODB);
    this.name = "SingleNodeDatabaseError";
  }
}

const allowedShared = (env: NodeJS.ProcessEnv) => env[ALLOW_SHARED_EMBEDDED_DB] === "test";

/** Before any database starts: several nodes (REDIS_URL) without MONGODB_URI would each get an embedded one. */
export function assertDatabaseForNodes(config: { redisUrl?: string; mongodbUri?: string }): void {
  if (config.redisUrl && !config.mongodbUri) throw new SingleNodeDatabaseError();
}

/** Once connected: MONGODB_URI may itself point at a FerretDB, which is no better shared. */
export function assertEngineForNodes(engine: "ferretdb" | "mongodb", severalNodes: boolean, env: NodeJS.ProcessEnv = process.env): void {
  if (engine === "ferretdb" && severalNodes && !allowedShared(env)) throw new SingleNodeDatabaseError();
}
