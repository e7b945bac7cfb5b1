export * from "./errors/index.js";
export * from "./permissions/index.js";
export * from "./members/index.js";
export * from "./auth/index.js";
export * from "./settings/index.js";
export * from "./contacts/index.js";
export * from "./presence/index.js";
export * from "./realtime/index.js";
