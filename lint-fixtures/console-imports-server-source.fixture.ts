// lint-as: console/src/members/members-page.tsx
// expect: import-x/no-restricted-paths
// The console never runs server code; it talks to the server over HTTP and sockets.
import { MembershipModel } from "../../../server/src/members/membership.model.js";

export const fixture = MembershipModel;
