export * from "./common.schema.js";
export * from "./user.schema.js";
export * from "./member.schema.js";
export * from "./invitation.schema.js";
export * from "./csv-columns.js";
export * from "./team.schema.js";
export * from "./audit.schema.js";
export * from "./audit-change.js";
