// lint-as: extension/src/features/dock/use-dock-sync.ts
// expect: nothing
// The control: a page may import shared, the dock's messages and its own context.
import { PROTOCOL_VERSION } from "@switchboard/shared";
import { sendMessage } from "~messages/send";
import { useDockStore } from "~store/dock.store";

export const fixture = [PROTOCOL_VERSION, sendMessage, useDockStore];
