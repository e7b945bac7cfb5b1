import type { BrowserContext, Page } from "playwright-core";
import { SESSION_COOKIE } from "../src/auth/session-cookie.js";

/**
 * A console page in this (fresh) browser context, signed in with a session token as the cookie the
 * server sets at login, so a test of one page need not walk through the login form.
 */
export async function signedInPage(context: BrowserContext, serverUrl: string, token: string): Promise<Page> {
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: serverUrl }]);
  return context.newPage();
}
