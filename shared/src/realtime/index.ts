export * from "./protocol.js";
export * from "./events.js";
export * from "./event-schemas.js";
