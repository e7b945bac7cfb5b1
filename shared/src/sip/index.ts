export * from "./sip-account.schema.js";
export * from "./evapi-protocol.js";
export * from "./outbound-policy.js";
export * from "./call-reference.schema.js";
export * from "./endpoint-target.js";
