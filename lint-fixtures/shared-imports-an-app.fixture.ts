// lint-as: shared/src/members/member-rules.ts
// expect: import-x/no-restricted-paths
// shared/ is imported by every app, so it may import none of them.
import { addTestMember } from "@switchboard/server/test-support";

export const fixture = addTestMember;
