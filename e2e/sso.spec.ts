import type { Browser, Page } from "@playwright/test";
import { adminApi, createUser, expect, teamWithGrant, test } from "./fixtures";

/**
 * Single sign-on through a real OpenID Provider (oidc-provider, started by scripts/test.ts as
 * "Test IdP"): its own login and consent pages in Chromium, then the console with the role and
 * teams its groups give. sso-admin is in "Registry Admins", sso-dev in "payments-devs",
 * sso-auditor in "auditors"; any other name is in no group.
 */
async function signInAtIdp(page: Page, login: string) {
  await page.context().clearCookies(); // a fresh session at the IdP too
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with Test IdP" }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password: the test IdP accepts all");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

test("an administrator by group signs in through the identity provider and lands in the console as admin", async ({
  page,
}) => {
  await signInAtIdp(page, "sso-admin");
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("current-user")).toContainText("sso-admin");
  await expect(page.getByTestId("current-user")).toContainText("admin");
  // SSO people have no password for docker login: Tokens says what to use instead.
  await page.goto("/tokens");
  await expect(page.getByTestId("sso-notice")).toContainText("docker login cannot take your password");
  await page.goto("/setup");
  await expect(page.getByTestId("snippet-docker-login")).toContainText("single sign-on, so give an access token");
});

test("teams follow the identity provider's groups: a linked team's grant reaches the person at sign-in", async ({
  page,
  request,
}) => {
  const team = await teamWithGrant(request, "payments", ["pull", "push"], "payments-devs");
  await signInAtIdp(page, "sso-dev");
  await expect(page.getByTestId("current-user")).toContainText("sso-dev");
  await expect(page.getByTestId("current-user")).toContainText("user");
  await page.goto("/me");
  await expect(page.getByTestId("my-access")).toContainText(`${team}/*`);
  const detail = await adminApi(request, "GET", `/api/v1/teams/${team}`);
  expect((detail.body as { members: { username: string }[] }).members.map((m) => m.username)).toEqual(["sso-dev"]);
  // Managed by the identity provider: no hand edits.
  const edit = await adminApi(request, "POST", `/api/v1/teams/${team}/members`, { username: "admin" });
  expect(edit.status).toBe(409);
});

test("a local account of the same name is not taken over; a tampered state is refused", async ({ page, request }) => {
  const local = await createUser(request);
  // The IdP's login name becomes preferred_username, the same as the local account's name.
  await signInAtIdp(page, local.username);
  await expect(page).toHaveURL(/\/login\?error=sso_account_exists/);
  await expect(page.locator(".error[role=alert]")).toContainText("An account with your name already exists here");

  // A callback this browser did not start (a replayed code, a forged state) is refused.
  let callback = "";
  page.on("request", (r) => {
    if (r.url().includes("/api/auth/callback/oidc")) callback = r.url();
  });
  await signInAtIdp(page, "sso-auditor");
  await expect(page.getByTestId("current-user")).toContainText("auditor");
  expect(callback).toContain("code=");
  await page.context().clearCookies();
  await page.goto(callback.replace(/^https?:\/\/[^/]+/, ""));
  await expect(page).toHaveURL(/\/login\?.*error=/);
  await expect(page.locator(".error[role=alert]")).toContainText("Single sign-on did not complete");
  const forged = new URL(callback);
  forged.searchParams.set("state", "forged-state");
  await page.goto(forged.pathname + forged.search);
  await expect(page).toHaveURL(/\/login\?.*error=/);
  const me = await page.request.get("/api/v1/me");
  expect(me.status()).toBe(401);
});

test("Settings shows the single sign-on configuration to administrators, never the client secret", async ({ page }) => {
  await signInAtIdp(page, "sso-admin");
  await page.goto("/settings");
  const sso = page.getByTestId("sso-settings");
  await expect(sso).toContainText("Test IdP: http://127.0.0.1:");
  await expect(sso).toContainText("/api/auth/callback/oidc");
  await expect(page.getByTestId("directory-settings")).not.toContainText("e2e-oidc-client-secret");
  // The browser sign-in kept the provider's refresh token: this person's tokens follow the provider.
  await expect(sso).toContainText(
    /Tokens follow the provider\s*every 60 s, through its refresh token: [1-9]\d* (person|people)/,
  );
});

/**
 * Starts a sign-in in its own browser context and stops at the provider's login page: the
 * console's check cookies (PKCE verifier, nonce, state) of that flow.
 */
async function startedFlow(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with Test IdP" }).click();
  await page.locator('input[name="login"]').waitFor();
  return { context, page, cookies: await context.cookies() };
}

for (const check of ["pkce.code_verifier", "nonce"]) {
  test(`a ${check === "nonce" ? "nonce" : "PKCE verifier"} from another sign-in is refused: the flow completes at the provider, not here`, async ({
    browser,
  }) => {
    const victim = await startedFlow(browser);
    const other = await startedFlow(browser);
    const name = `next-auth.${check}`;
    const theirs = other.cookies.find((c) => c.name === name);
    const mine = victim.cookies.find((c) => c.name === name);
    expect(theirs && mine && theirs.value !== mine.value, `both flows set ${name}`).toBeTruthy();
    // Valid, sealed by this console, but of the other flow.
    await victim.context.addCookies([{ ...theirs! }]);
    const page = victim.page;
    await page.locator('input[name="login"]').fill("sso-dev");
    await page.locator('input[name="password"]').fill("any");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/login\?.*error=/);
    await expect(page.locator(".error[role=alert]")).toContainText("Single sign-on did not complete");
    expect((await page.request.get("/api/v1/me")).status()).toBe(401);
    await victim.context.close();
    await other.context.close();
  });
}
