export * from "./roles.js";
export * from "./matrix.js";
export * from "./can.js";
