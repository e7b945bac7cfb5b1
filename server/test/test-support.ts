// The server's test harness as other packages import it: `@switchboard/server/test-support`
// (package.json `exports`). The console's and the dock's browser tests start the same real server,
// fixtures and Chromium as the server's own tests, without reaching into another package's folders.

// Brings in the vitest `inject("mongoUri")` typing the harness relies on.
import type {} from "./global-setup.js";
export { describeViolations, seriousAxeViolations, type AxeViolation } from "./axe.js";
export { launchBrowser, launchWithExtension, CHROMIUM_PATH, type ExtensionBrowser } from "./chromium.js";
export type { HttpClient, HttpResult } from "./http-client.js";
export { addTestMember, type TestMember } from "./member-fixtures.js";
export { connect, nextEvent, record, request, sleep, type ClientSocket } from "./realtime-fixtures.js";
export { addAgent, createQueue, nextOffer, setStatus, visitorOf, type TestAgent } from "./routing-fixtures.js";
export { signedInPage } from "./signed-in-page.js";
export { findFreePort, kamailioRpc, peerCredentials, startKamailio, type KamailioHandle, type TestKamailio } from "./test-kamailio.js";
export { extractZip } from "./zip.js";
export { serveStatic, type StaticFile, type StaticServer } from "./static-server.js";
export { startSmtpCapture, type CapturedMail, type SmtpCapture } from "./smtp-capture.js";
export { ADMIN, setUpWorkspace, startTestServer, type TestServer } from "./test-server.js";
