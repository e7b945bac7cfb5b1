// lint-as: extension/src/contents/click-to-call.ts
// expect: import-x/no-restricted-paths
// A content script runs inside a web page; it reaches the worker only through content messages.
import { handleContentRequest } from "~background/click-to-call.background";

export const fixture = handleContentRequest;
