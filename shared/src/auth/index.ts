export * from "./auth.schema.js";
export * from "./password.schema.js";
export * from "./me.schema.js";
