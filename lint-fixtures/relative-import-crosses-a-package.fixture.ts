// lint-as: console/src/members/members-page.tsx
// expect: import-x/no-relative-packages
// Another workspace is imported by its package name (@switchboard/shared), never by a relative path.
import { can } from "../../../shared/src/permissions/can.js";

export const fixture = can;
