// lint-as: extension/e2e/support/dock-env.ts
// expect: import-x/no-restricted-paths
// Even the dock's browser tests reach the server only through @switchboard/server/test-support.
import { UserModel } from "../../../server/src/users/user.model.js";

export const fixture = UserModel;
