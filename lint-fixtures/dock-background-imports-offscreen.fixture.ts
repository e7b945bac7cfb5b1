// lint-as: extension/src/background/softphone.background.ts
// expect: import-x/no-restricted-paths
// The softphone lives in the offscreen document; the worker drives it through offscreen messages.
import { OffscreenSoftphone } from "~offscreen/softphone.offscreen";

export const fixture = OffscreenSoftphone;
