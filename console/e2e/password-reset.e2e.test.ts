import { afterAll, beforeAll, expect, it } from "vitest";
import { ADMIN, setUpWorkspace } from "@switchboard/server/test-support";
import { startConsoleEnv, type ConsoleEnv } from "./support/console-env.js";

/**
 * Issue 10, item 11: forgot password from the sign-in page — the e-mail a real SMTP server
 * captured, the reset page, signing in with the new password — then changing it in the console.
 */
let env: ConsoleEnv;
beforeAll(async () => {
  env = await startConsoleEnv("password-reset");
  await setUpWorkspace(env.api);
});
afterAll(() => env?.close());

const resetLinks = () =>
  env.smtp.messages.filter((m) => m.to.includes(ADMIN.email)).flatMap((m) => m.decoded.match(/https?:\/\/[^\s"<>]+\/reset-password\/[A-Za-z0-9_-]{43}/g) ?? []);

it("resets a forgotten password through the e-mailed link, signs in with it, then changes it", async () => {
  const context = await env.newContext();
  const page = await context.newPage();

  // 1. Sign-in page → "Forgot password?" → ask for a link.
  await page.goto("/login");
  await page.getByTestId("login-forgot").click();
  await page.getByTestId("forgot-email").fill(ADMIN.email);
  await env.screenshot(page, "forgot-filled");
  await page.getByTestId("forgot-submit").click();
  await page.getByTestId("forgot-sent").waitFor();
  await env.screenshot(page, "forgot-sent");

  // 2. The e-mail arrives with a single link to the reset page.
  await expect.poll(() => new Set(resetLinks()).size, { timeout: 10_000 }).toBe(1);
  const link = resetLinks()[0]!;
  expect(link.startsWith(`${env.url}/reset-password/`)).toBe(true);

  // 3. The reset page refuses a weak password, then takes a good one and sends us to sign in.
  await page.goto(link);
  await page.getByTestId("reset-password").fill("weak");
  await page.getByTestId("reset-submit").click();
  await page.getByTestId("reset-password-error").waitFor();
  await page.getByTestId("reset-password").fill("brand-new-secret-7");
  await env.screenshot(page, "reset-filled");
  await page.getByTestId("reset-submit").click();
  await page.getByTestId("login-notice").waitFor();
  await env.screenshot(page, "login-after-reset");

  // 4. The old password is refused, the new one signs in.
  await page.getByTestId("login-email").fill(ADMIN.email);
  await page.getByTestId("login-password").fill(ADMIN.password);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("login-error").waitFor();
  await page.getByTestId("login-password").fill("brand-new-secret-7");
  await page.getByTestId("login-submit").click();
  await page.getByTestId("shell-user-name").waitFor();
  await env.screenshot(page, "signed-in-with-new-password");

  // 5. The link worked once.
  const again = await context.newPage();
  await again.goto(link);
  await again.getByTestId("reset-password").fill("yet-another-secret-8");
  await again.getByTestId("reset-submit").click();
  await again.getByTestId("reset-invalid").waitFor();
  await env.screenshot(again, "reset-link-used");

  // 6. Change password in the signed-in console: a wrong current password is a field error.
  await page.getByTestId("nav-change-password").click();
  await page.getByTestId("password-current").fill("not-my-password-1");
  await page.getByTestId("password-new").fill("changed-again-secret-9");
  await page.getByTestId("password-submit").click();
  await page.getByTestId("password-current-error").waitFor();
  await page.getByTestId("password-current").fill("brand-new-secret-7");
  await page.getByTestId("password-submit").click();
  await page.getByTestId("password-changed").waitFor();
  await env.screenshot(page, "password-changed");
  expect((await env.api.post("/api/auth/login", { email: ADMIN.email, password: "changed-again-secret-9" })).status).toBe(200);
  expect(env.cspViolations).toEqual([]);
});
