export * from "./presence.schema.js";
