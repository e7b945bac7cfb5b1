import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpCapture, type SmtpCapture } from "../../test/smtp-capture.js";
import { smtpTransport } from "./mail-transport.js";

let smtp: SmtpCapture;
beforeAll(async () => {
  smtp = await startSmtpCapture();
});
afterAll(() => smtp.close());

const mail = (to: string) => ({ dedupeKey: `test:${to}`, to, subject: "Hello", text: "Body of the message\n".repeat(50) });

describe("SMTP transport", () => {
  it("marks the e-mail sent only once its whole body is out, before the server has it, and reports the server's acceptance", async () => {
    const transport = smtpTransport(smtp.url);
    let receivedAtMark = -1;
    await transport.deliver(mail("one@example.com"), async () => {
      receivedAtMark = smtp.messages.filter((m) => m.to.includes("one@example.com")).length;
    });
    expect(receivedAtMark).toBe(0);
    const received = smtp.messages.filter((m) => m.to.includes("one@example.com"));
    expect(received).toHaveLength(1);
    expect(received[0]!.raw).toMatch(/^Message-ID: <[0-9a-f]{32}@switchboard\.local>/m);
    transport.close();
  });

  it("reliability: a mark that fails (a lost claim, a database error) is reported even though SMTP accepted", async () => {
    const transport = smtpTransport(smtp.url);
    await expect(transport.deliver(mail("two@example.com"), () => Promise.reject(new Error("claim lost")))).rejects.toThrow("claim lost");
    transport.close();
  });

  it("reliability: nothing is marked when the server is unreachable", async () => {
    const transport = smtpTransport("smtp://127.0.0.1:1");
    let marked = false;
    await expect(transport.deliver(mail("three@example.com"), async () => void (marked = true))).rejects.toThrow();
    expect(marked).toBe(false);
    transport.close();
  });
});
