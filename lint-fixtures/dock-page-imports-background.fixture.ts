// lint-as: extension/src/features/dock/dock-view.tsx
// expect: import-x/no-restricted-paths
// The dock's pages run in their own window; they ask the background worker through messages.
import { openDockSocket } from "~background/dock-socket";

export const fixture = openDockSocket;
