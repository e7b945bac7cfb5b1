export * from "./settings.schema.js";
