export * from "./roles.js";
export * from "./matrix.js";
export * from "./can.js";
export * from "./member-rules.js";
