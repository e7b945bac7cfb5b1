import type { InteractionState } from "@switchboard/shared";
import mongoose, { trusted, type UpdateQuery } from "mongoose";
import { InteractionModel, type InteractionDoc } from "./interaction.model.js";

/**
 * Whether the database applies `{ _id, state }` filters cheaply and atomically. MongoDB does
 * (DESIGN.md §10: two nodes can never both move one interaction). FerretDB v1 is atomic for
 * neither and, with any field beside `_id` in the filter, scans the collection (measured: 127 ms
 * against 22 ms by `_id` alone at 300 interactions), so there the check runs in this process,
 * under the per-interaction lock below: FerretDB serves a single node.
 */
let filterInDatabase: Promise<boolean> | null = null;
const databaseFilters = () =>
  (filterInDatabase ??= mongoose.connection
    .db!.admin()
    .command({ buildInfo: 1 })
    .then((info) => !("ferretdbVersion" in info))
    .catch(() => true));

const locks = new Map<string, Promise<unknown>>();
/** One change at a time per interaction on this node. */
function serially<T>(id: string, step: () => Promise<T>): Promise<T> {
  const run = (locks.get(id) ?? Promise.resolve()).then(step, step);
  const tail = run.catch(() => {});
  locks.set(id, tail);
  void tail.then(() => locks.get(id) === tail && locks.delete(id));
  return run;
}

/**
 * Moves an interaction only if it is still in one of `from`: the single-document conditional
 * update of DESIGN.md §10. Returns the interaction after the change, or null when it had moved.
 */
export function transition(id: string, from: InteractionState | readonly InteractionState[], update: UpdateQuery<unknown>): Promise<InteractionDoc | null> {
  const states = typeof from === "string" ? [from] : [...from];
  return serially(id, async () => {
    if (await databaseFilters()) {
      return InteractionModel.findOneAndUpdate({ _id: id, state: trusted({ $in: states }) }, update, { new: true }).lean<InteractionDoc>();
    }
    const current = await InteractionModel.findById(id, { state: 1 }).lean<InteractionDoc>();
    if (!current || !states.includes(current.state)) return null;
    return InteractionModel.findByIdAndUpdate(id, update, { new: true }).lean<InteractionDoc>();
  });
}

/** One interaction of a workspace, by `_id` only (the one lookup FerretDB pushes down), or null. */
export async function findInWorkspace(id: string, workspaceId: string): Promise<InteractionDoc | null> {
  if (!/^[a-f0-9]{24}$/i.test(id)) return null;
  const doc = await InteractionModel.findById(id).lean<InteractionDoc>();
  return doc && String(doc.workspaceId) === workspaceId ? doc : null;
}
