// lint-as: extension/src/popup/index.tsx
// expect: import-x/no-unresolved
// An import the resolver cannot follow is an error, so it cannot slip past the boundaries unseen.
import { missing } from "~background/no-such-module";

export const fixture = missing;
