import mongoose from "mongoose";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test/test-server.js";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

// DESIGN.md §2: FerretDB v1 lacks these; an index using one would behave differently in production.
const UNSUPPORTED_OPTIONS = ["expireAfterSeconds", "partialFilterExpression", "collation", "sparse", "weights", "textIndexVersion"];

it("creates only indexes FerretDB supports, including the uniqueness guards of the domain model", async () => {
  const found: Record<string, { key: Record<string, unknown>; unique?: boolean }[]> = {};
  for (const model of Object.values(mongoose.models)) {
    const indexes = await model.collection.indexes();
    found[model.collection.collectionName] = indexes as never;
    for (const index of indexes) {
      for (const option of UNSUPPORTED_OPTIONS) expect(index, `${model.modelName} ${index.name}`).not.toHaveProperty(option);
      expect(Object.values(index.key), `${model.modelName} ${index.name}`).not.toContain("text");
    }
  }
  const unique = (collection: string) => found[collection]!.filter((i) => i.unique).map((i) => Object.keys(i.key).join("+"));
  expect(unique("users")).toContain("emailLower");
  expect(unique("memberships")).toContain("workspaceId+userId");
  expect(unique("teams")).toContain("workspaceId+nameLower");
  expect(unique("invitations")).toEqual(expect.arrayContaining(["tokenHash", "pendingKey"]));
  // Sessions are keyed by the token's hash (`_id`, FerretDB's one pushed-down lookup) and listed by user.
  expect(found.sessions!.map((i) => Object.keys(i.key).join("+"))).toEqual(expect.arrayContaining(["_id", "userId"]));
});
