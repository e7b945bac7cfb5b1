export * from "./phone-number.schema.js";
