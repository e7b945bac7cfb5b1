export * from "./contact.schema.js";
export * from "./masking.js";
export * from "./contact-access.js";
