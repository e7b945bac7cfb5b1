import { memberKey, type MemberKey } from "./presence.store.js";

/** Steps for one member run one after another on this node, so connect/disconnect/set never interleave. */
export class MemberQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: MemberKey, step: () => Promise<T>): Promise<T> {
    const id = memberKey(key);
    const run = (this.tails.get(id) ?? Promise.resolve()).then(step, step);
    const tail = run.catch(() => {});
    this.tails.set(id, tail);
    void tail.then(() => this.tails.get(id) === tail && this.tails.delete(id));
    return run;
  }
}
