export * from "./settings.schema.js";
export * from "./resolve.js";
export * from "./settings-api.schema.js";
export * from "./connections.schema.js";
