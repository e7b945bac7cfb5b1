export * from "./error-codes.js";
export * from "./error-body.schema.js";
