// What people do every day, end to end: an admin creates a user and a team and grants the team
// push on team/*; the user signs in, mints a token and pushes with it (real docker-registry +
// skopeo); the admin revokes the token and the next push fails; a non-admin cannot reach admin
// pages or APIs.
import { buildTestImage, skopeoCopy, type TestRegistry } from "../tests/helpers/registry";
import { ADMIN_PASSWORD, expect, signInViaApi, startConsoleRegistry, test, unique } from "./fixtures";

let registry: TestRegistry;
let image: string;

test.beforeAll(async ({ request }) => {
  registry = await startConsoleRegistry(request);
  image = await buildTestImage("pushed from the e2e flow\n");
});
test.afterAll(async () => {
  await registry?.stop();
});

test("admin grants a team push, the user pushes with a fresh token, revocation stops the next push", async ({
  browser,
  page,
  consoleErrors,
}, info) => {
  test.setTimeout(180_000);
  const username = unique("dev");
  const password = `pw-${unique("secret")}`;
  const team = unique("team");

  // The admin creates the user…
  await signInViaApi(page, "admin", ADMIN_PASSWORD);
  await page.goto("/users");
  await page.getByRole("button", { name: "New user" }).click();
  const dialog = page.getByRole("dialog", { name: "New user" });
  await dialog.getByLabel("Username").fill(username);
  await dialog.getByLabel("Initial password").fill("short");
  await dialog.getByRole("button", { name: "Create user" }).click();
  await expect(dialog.getByRole("alert")).toContainText("at least 8 characters"); // the server's schema, in the browser
  await dialog.getByLabel("Initial password").fill(password);
  await dialog.getByRole("button", { name: "Create user" }).click();
  await expect(dialog).toBeHidden();
  await page.getByLabel("Search").fill(username);
  await expect(page.getByTestId(`user-${username}`)).toContainText("active");

  // …a team with the user in it…
  await page.goto("/teams");
  await page.getByLabel("New team").fill(team);
  await page.getByRole("button", { name: "Create team" }).click();
  const panel = page.getByTestId("team-panel");
  await expect(panel.getByRole("heading", { name: `Team ${team}` })).toBeVisible();
  await panel.getByLabel("Add member").fill(username);
  await panel.getByRole("button", { name: "Add", exact: true }).click();
  await expect(panel.getByTestId("team-members")).toContainText(username);

  // …and grants the team push on team/*; the same grant again is refused with the reason.
  await page.goto("/access");
  const grantForm = page.getByRole("form", { name: "New grant" });
  await grantForm.getByLabel("Subject").selectOption("team");
  await grantForm.getByLabel("Name").fill(team.slice(0, 8)); // the picker offers the teams that match
  await expect(grantForm.getByTestId("subject-options").locator(`option[value="${team}"]`)).toHaveCount(1);
  await grantForm.getByLabel("Name").fill(team);
  await grantForm.getByLabel("Repository or pattern").fill("team/*");
  await grantForm.getByLabel("push").check();
  await grantForm.getByRole("button", { name: "Grant" }).click();
  await expect(grantForm.getByRole("status")).toContainText(`Granted ${team} pull, push on team/*`);
  await grantForm.getByRole("button", { name: "Grant" }).click();
  await expect(grantForm.getByRole("alert")).toContainText("already exists");

  // The simulator explains the decision before anyone pushes.
  const sim = page.getByRole("form", { name: "Simulate a token request" });
  await sim.getByLabel("Name or token id").fill(username);
  await sim.getByLabel("Repository").fill("team/app");
  await sim.getByLabel("push").check();
  await sim.getByRole("button", { name: "Check" }).click();
  await expect(page.getByTestId("simulation")).toContainText("granted: pull, push");
  await expect(page.getByTestId("simulation")).toContainText(`grant on team/* to team ${team}`);
  await page.getByLabel("Repository", { exact: true }).last().fill("team/app");
  await page.getByRole("button", { name: "Show" }).first().click();
  await expect(page.getByTestId("who-can")).toContainText(`team ${team}'s grant on team/*`);
  await page.screenshot({ path: info.outputPath("access.png"), fullPage: true });

  // The user signs in through the form and mints a token.
  const userContext = await browser.newContext();
  const userPage = await userContext.newPage();
  await userPage.goto("/login");
  await userPage.getByLabel("Username").fill(username);
  await userPage.getByLabel("Password").fill(password);
  await userPage.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(userPage.getByTestId("current-user")).toContainText(username);
  await userPage.goto("/tokens");
  await userPage.getByLabel("Name").fill("ci");
  await userPage.getByRole("button", { name: "Create token" }).click();
  const secret = (await userPage.getByTestId("new-token").textContent())!;
  expect(secret).toMatch(/^pct_/);

  // A real client pushes with it.
  const pushed = await skopeoCopy(image, `docker://${registry.host}/team/app:v1`, `${username}:${secret}`);
  expect(pushed.code, pushed.stderr).toBe(0);

  // A non-admin reaches no admin page and no admin API, whatever the UI shows.
  await userPage.goto("/users");
  await expect(userPage.getByRole("heading", { name: "Not available to your role" })).toBeVisible();
  const origin = new URL(userPage.url()).origin;
  const forbidden = await userPage.request.post("/api/v1/users", {
    data: { username: unique("x"), password: "password-123" },
    headers: { Origin: origin },
  });
  expect(forbidden.status()).toBe(403);
  const grantAttempt = await userPage.request.post("/api/v1/grants", {
    data: { subject: { type: "user", name: username }, repository: "*", actions: ["push"] },
    headers: { Origin: origin },
  });
  expect(grantAttempt.status()).toBe(403);

  // The admin revokes the token from everyone's tokens; the very next push fails.
  await page.goto("/tokens");
  await page.getByRole("group", { name: "Whose tokens" }).getByRole("button", { name: "Everyone's tokens" }).click();
  const row = page.getByTestId("token-ci").filter({ hasText: username });
  await expect(row).toContainText("active");
  await row.getByRole("button", { name: "Revoke" }).click();
  await row.getByRole("button", { name: "Confirm revoke" }).click();
  await expect(row).toContainText("revoked");
  const refused = await skopeoCopy(image, `docker://${registry.host}/team/app:v2`, `${username}:${secret}`);
  expect(refused.code).not.toBe(0);
  expect(refused.stderr).toMatch(/unauthorized|authentication required/i);

  // The audit log has the denial, with its trace and a link to the simulator.
  await page.goto("/audit");
  await page.getByLabel("Actor").fill(username);
  await page.getByLabel("Outcome").selectOption("denied");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("cell", { name: /token_revoked/ }).first()).toBeVisible();

  await userContext.close();
  // The one failed request is the deliberate duplicate grant above (409, shown to the admin).
  expect(consoleErrors).toEqual(["Failed to load resource: the server responded with a status of 409 (Conflict)"]);
});

test("revoke everything lists what the user holds and needs the admin's password", async ({ page, request }) => {
  const username = unique("leaver");
  const password = `pw-${unique("s")}`;
  const created = await request.post("/api/v1/users", {
    data: { username, password },
    headers: { Authorization: `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString("base64")}` },
  });
  expect(created.status()).toBe(201);
  const tok = await request.post("/api/v1/tokens", {
    data: { name: "laptop", expiresInDays: 3 },
    headers: { Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}` },
  });
  const secret = (await tok.json()).token as string;

  // The owner is told on sign-in that a token expires soon.
  await signInViaApi(page, username, password);
  await page.goto("/");
  await expect(page.getByTestId("expiring-banner")).toContainText("expires within 7 days");

  await page.context().clearCookies();
  await signInViaApi(page, "admin", ADMIN_PASSWORD);
  await page.goto("/users");
  await page.getByLabel("Search").fill(username);
  await page
    .getByTestId(`user-${username}`)
    .getByRole("button", { name: `More actions for ${username}` })
    .click();
  await page.getByRole("menuitem", { name: "Revoke everything…" }).click();
  const dialog = page.getByRole("dialog", { name: `Revoke everything of ${username}` });
  await expect(dialog.getByTestId("revoke-list")).toContainText("laptop");
  await dialog.getByLabel("Your password, to confirm").fill("not-my-password");
  await dialog.getByRole("button", { name: "Revoke everything" }).click();
  await expect(dialog.getByRole("alert")).toContainText("not correct");
  await dialog.getByLabel("Your password, to confirm").fill(ADMIN_PASSWORD);
  await dialog.getByRole("button", { name: "Revoke everything" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId(`user-${username}`)).toContainText("disabled");
  const after = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${secret}` } });
  expect(after.status()).toBe(401);
});

test("a user changes their own password: the old one stops working, they stay signed in", async ({ page, request }) => {
  const username = unique("pw");
  const password = `pw-${unique("old")}`;
  await request.post("/api/v1/users", {
    data: { username, password },
    headers: { Authorization: `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString("base64")}` },
  });
  await signInViaApi(page, username, password);
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Change your password" });
  await form.getByLabel("Current password").fill("wrong-one-entirely");
  await form.getByLabel("New password", { exact: true }).fill("brand-new-password");
  await form.getByLabel("Repeat new password").fill("brand-new-password");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("alert")).toContainText("not correct");
  await form.getByLabel("Current password").fill(password);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("status")).toContainText("Password changed");
  await page.goto("/tokens");
  await expect(page.getByTestId("current-user")).toContainText(username);
  const basic = (p: string) => ({ Authorization: `Basic ${Buffer.from(`${username}:${p}`).toString("base64")}` });
  expect((await request.get("/api/v1/me", { headers: basic(password) })).status()).toBe(401);
  expect((await request.get("/api/v1/me", { headers: basic("brand-new-password") })).status()).toBe(200);
});

test("an admin creates a user without a password; the user sets it through the one-time link", async ({
  page,
  browser,
  consoleErrors,
}) => {
  const username = unique("invited");
  await signInViaApi(page, "admin", ADMIN_PASSWORD);
  await page.goto("/users");
  await page.getByRole("button", { name: "New user" }).click();
  const dialog = page.getByRole("dialog", { name: "New user" });
  await dialog.getByLabel("Username").fill(username);
  await dialog.getByRole("button", { name: "Create user" }).click();
  const link = (await dialog.getByTestId("setup-link").textContent())!;
  expect(link).toMatch(/\/set-password#token=pcs_/);
  await dialog.getByRole("button", { name: "Done" }).click();

  const visitor = await browser.newContext();
  const p = await visitor.newPage();
  await p.goto(link);
  await p.getByLabel("New password").fill("invited-password");
  await p.getByLabel("Repeat it").fill("not-the-same");
  await p.getByRole("button", { name: "Set password" }).click();
  const form = p.getByRole("form", { name: "Set your password" });
  await expect(form.getByRole("alert")).toContainText("do not match");
  await p.getByLabel("Repeat it").fill("invited-password");
  await p.getByRole("button", { name: "Set password" }).click();
  await expect(p.getByRole("status")).toContainText(`Your password is set, ${username}`);
  await p.goto("about:blank"); // a fresh load: the same URL again would only move to its #fragment
  await p.goto(link);
  await p.getByLabel("New password").fill("another-password");
  await p.getByLabel("Repeat it").fill("another-password");
  await p.getByRole("button", { name: "Set password" }).click();
  await expect(p.getByRole("form", { name: "Set your password" }).getByRole("alert")).toContainText(
    "invalid, used or expired",
  );
  await p.goto("/login");
  await p.getByLabel("Username").fill(username);
  await p.getByLabel("Password").fill("invited-password");
  await p.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(p.getByTestId("current-user")).toContainText(username);
  await visitor.close();
  expect(consoleErrors).toEqual([]);
});
