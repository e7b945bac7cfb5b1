export * from "./queue.schema.js";
export * from "./interaction.schema.js";
export * from "./capacity.js";
export * from "./eligibility.js";
export * from "./queue-access.js";
export * from "./routing-events.js";
