// lint-as: extension/src/offscreen/offscreen.main.ts
// expect: import-x/no-restricted-paths
// The offscreen document has no dock UI; it tells the worker, which tells the pages.
import { useDockStore } from "~store/dock.store";

export const fixture = useDockStore;
