import { afterAll, beforeAll, expect, it } from "vitest";
import { addTeam, request, sleep, type ClientSocket } from "../../test/realtime-fixtures.js";
import { addAgent, createQueue, nextOffer, visitorOf } from "../../test/routing-fixtures.js";
import { setUpWorkspace, startTestServer, type TestServer } from "../../test/test-server.js";
import { routerOf } from "./router.js";

/** Acceptance 5: a masked agent's offers, messages and interaction payloads never carry the customer's e-mail or phone. */
let t: TestServer;
let ws: Awaited<ReturnType<typeof setUpWorkspace>>;
const sockets: ClientSocket[] = [];
const EMAIL = "cleo.secret@example.com";
const PHONE = "+14155550123";

beforeAll(async () => {
  t = await startTestServer({ routingSecondMs: 40, openChatsPerAddress: 1_000 });
  ws = await setUpWorkspace(t.api);
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await t.close();
});

/** Every raw payload the dock receives, as JSON. */
function wiretap(dock: ClientSocket): string[] {
  const seen: string[] = [];
  dock.onAny((event, ...args) => seen.push(`${event} ${JSON.stringify(args)}`));
  return seen;
}

it("security: a masked agent never receives the visitor's e-mail or phone — offers, messages, acks, REST", async () => {
  const team = await addTeam(ws.workspaceId, "Masked");
  const chat = await createQueue(t, ws.token, ws.workspaceId, { name: "Masked chat", channel: "chat", teams: [team], offerTimeoutSeconds: 120 });
  const phone = await createQueue(t, ws.token, ws.workspaceId, { name: "Masked line", channel: "phone", number: "5550142", teams: [team], offerTimeoutSeconds: 120 });
  const agent = await addAgent(t, ws.workspaceId, { name: "Mia Masked", teams: [team], restrictions: { maskContactInfo: true }, settings: { simultaneousChannelHandling: true } });
  sockets.push(agent.dock);
  const raw = wiretap(agent.dock);
  const acks: string[] = [];

  const v = await visitorOf(t.url, ws.workspaceId, chat.id);
  sockets.push(v.socket);
  const offer = nextOffer(agent.dock);
  const { interactionId } = await v.start(`Hi, reach me at ${EMAIL} or ${PHONE}`, { name: "Cleo", email: EMAIL });
  const got = await offer;
  expect(got.display.email).toMatch(/^c•••@example\.com$/);
  const accepted = await request(agent.dock, "offer:accept", { offerId: got.offerId });
  acks.push(JSON.stringify(accepted));
  await request(v.socket, "chat:send", { text: `again: ${EMAIL}` });
  acks.push(JSON.stringify(await request(agent.dock, "chat:send", { interactionId, text: "Thanks!" })));

  const router = routerOf(t.deps);
  const queue = (await router.queues.get(ws.workspaceId, phone.id))!;
  const callOffer = nextOffer(agent.dock);
  await router.conversations.enqueueCall({ queue, number: PHONE, name: "Caller" });
  const call = await callOffer;
  expect(call.display.number).toBeDefined();
  acks.push(JSON.stringify(await request(agent.dock, "offer:accept", { offerId: call.offerId })));
  await sleep(300);

  const rest = [
    (await t.api.get(`/api/workspaces/${ws.workspaceId}/interactions`, { token: agent.token })).text,
    (await t.api.get(`/api/workspaces/${ws.workspaceId}/interactions/${interactionId}`, { token: agent.token })).text,
    (await t.api.get(`/api/workspaces/${ws.workspaceId}/interactions/${call.interactionId}`, { token: agent.token })).text,
  ];
  const everything = [...raw, ...acks, ...rest].join("\n");
  expect(raw.length).toBeGreaterThan(3);
  expect(everything).not.toContain(EMAIL);
  expect(everything).not.toContain(PHONE);
  expect(everything).not.toContain("4155550123");
  // The admin (no restriction) reads the same interaction in clear.
  const clear = await t.api.get(`/api/workspaces/${ws.workspaceId}/interactions/${interactionId}`, { token: ws.token });
  expect(clear.body.contact.email).toBe(EMAIL);
  expect(clear.body.messages[0].text).toContain(EMAIL);
});
