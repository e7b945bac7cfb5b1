import { expect, it } from "vitest";
import { endpointTarget } from "./endpoint-target.js";

it.each([
  { phoneEndpoints: "browser", allowSipClients: true, forwardTo: "+33142685300", target: "sip:u1@sb.test" },
  { phoneEndpoints: "sip", allowSipClients: true, forwardTo: null, target: "sip:u1.phone@sb.test" },
  { phoneEndpoints: "sip", allowSipClients: false, forwardTo: null, target: "sip:u1@sb.test" },
  { phoneEndpoints: "external", allowSipClients: false, forwardTo: "+33142685300", target: "sip:+33142685300@sb.test" },
  { phoneEndpoints: "external", allowSipClients: true, forwardTo: null, target: "sip:u1@sb.test" },
] as const)("$phoneEndpoints (allowSipClients $allowSipClients, forwardTo $forwardTo) rings $target", ({ target, ...settings }) => {
  expect(endpointTarget(settings, "u1", "sb.test")).toBe(target);
});
