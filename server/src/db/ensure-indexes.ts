import mongoose from "mongoose";

type IndexKey = Record<string, unknown>;

const sameKey = (a: IndexKey, b: IndexKey): boolean => {
  const left = Object.entries(a);
  const right = Object.entries(b);
  return left.length === right.length && left.every(([field, order], i) => right[i]![0] === field && Number(right[i]![1]) === Number(order));
};

const NAMESPACE_NOT_FOUND = 26;

async function existingKeys(collection: mongoose.mongo.Collection): Promise<IndexKey[]> {
  try {
    return (await collection.listIndexes().toArray()).map((index) => index.key as IndexKey);
  } catch (err) {
    if ((err as { code?: number }).code === NAMESPACE_NOT_FOUND) return [];
    throw err;
  }
}

/**
 * Builds each model's missing indexes one at a time, models one after another. FerretDB v1
 * (SQLite) holds a registry-wide write lock while it builds an index, and a createIndexes
 * naming several existing indexes panics the connection (`slice bounds out of range`);
 * concurrent builds at every start left it answering `ping` and nothing else. A restart
 * therefore only lists indexes and creates none.
 */
export async function ensureIndexes(models: readonly mongoose.Model<never>[] = Object.values(mongoose.models) as never): Promise<number> {
  let created = 0;
  for (const model of models) {
    const existing = await existingKeys(model.collection as unknown as mongoose.mongo.Collection);
    for (const [key, options] of model.schema.indexes()) {
      if (existing.some((found) => sameKey(found, key))) continue;
      await model.collection.createIndex(key as mongoose.mongo.IndexSpecification, options as mongoose.mongo.CreateIndexesOptions);
      existing.push(key);
      created += 1;
    }
  }
  return created;
}
