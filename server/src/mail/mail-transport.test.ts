import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpCapture, type SmtpCapture } from "../../test/smtp-capture.js";
import { smtpTransport } from "./mail-transport.js";

let smtp: SmtpCapture;
beforeAll(async () => {
  smtp = await startSmtpCapture();
});
afterAll(() => smtp.close());

const mail = (to: string, dedupeKey = `test:${to}`) => ({ dedupeKey, to, subject: "Hello", text: "Body of the message\n".repeat(50) });
const messageIdOf = (raw: string) => /^Message-ID: (<[^>]+>)/m.exec(raw)?.[1];

describe("SMTP transport", () => {
  it("reliability: a second delivery of one queued e-mail (after a crash before its mark) carries the same Message-ID, another e-mail a different one", async () => {
    const transport = smtpTransport(smtp.url);
    await transport.deliver(mail("one@example.com"));
    await transport.deliver(mail("one@example.com"));
    await transport.deliver(mail("one@example.com", "test:another"));
    const ids = smtp.messages.filter((m) => m.to.includes("one@example.com")).map((m) => messageIdOf(m.raw));
    expect(ids).toHaveLength(3);
    expect(ids[0]).toMatch(/^<[0-9a-f]{32}@switchboard\.local>$/);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
    transport.close();
  });

  it("reliability: rejects when the server is unreachable, so the queue keeps the e-mail", async () => {
    const transport = smtpTransport("smtp://127.0.0.1:1");
    await expect(transport.deliver(mail("three@example.com"))).rejects.toThrow();
    transport.close();
  });
});
