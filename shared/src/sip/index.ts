export * from "./sip-account.schema.js";
