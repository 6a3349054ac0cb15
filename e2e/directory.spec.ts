import type { Page } from "@playwright/test";
import { adminApi, expect, signInViaApi, teamWithGrant, test, unique } from "./fixtures";

/**
 * Directory sign-in through a real OpenLDAP (slapd, started by scripts/test.ts as "Test
 * Directory"): dir-dev is in registry-devs, dir-admin in portcullis-admins; each password is
 * "<uid>-directory-pw". The console's own sign-in form takes the directory password.
 */
const GROUPS = "ou=groups,dc=example,dc=org";

async function signInWithForm(page: Page, username: string, password: string) {
  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("a person signs in with the directory password: the account made, the team from the group, the role from it", async ({
  page,
  request,
}) => {
  const team = await teamWithGrant(request, "devs", ["pull", "push"], `cn=registry-devs,${GROUPS}`);

  // A wrong directory password: the form says so, nobody is signed in.
  await signInWithForm(page, "dir-dev", "not-the-directory-password");
  await expect(page.locator(".error[role=alert]")).toContainText("Incorrect username or password");
  expect((await page.request.get("/api/v1/me")).status()).toBe(401);

  await signInWithForm(page, "dir-dev", "dir-dev-directory-pw");
  await expect(page.getByTestId("current-user")).toContainText("dir-dev");
  await expect(page.getByTestId("current-user")).toContainText("user");
  await page.goto("/me");
  await expect(page.getByTestId("my-access")).toContainText(`${team}/*`);
  // The same directory password works for docker login (no single sign-on notice for them).
  await page.goto("/tokens");
  await expect(page.getByTestId("sso-notice")).toHaveCount(0);

  const detail = await adminApi(request, "GET", `/api/v1/teams/${team}`);
  expect((detail.body as { members: { username: string }[] }).members.map((m) => m.username)).toEqual(["dir-dev"]);
  const user = await adminApi(request, "GET", "/api/v1/users/dir-dev");
  expect((user.body as { source: string }).source).toBe("ldap");
});

test("the directory's admin group makes an administrator, who tests the connection in Settings", async ({ page }) => {
  await signInWithForm(page, "dir-admin", "dir-admin-directory-pw");
  await expect(page.getByTestId("current-user")).toContainText("dir-admin");
  await expect(page.getByTestId("current-user")).toContainText("admin");
  await page.goto("/settings");
  const settings = page.getByTestId("directory-settings");
  await expect(settings).toContainText("Test Directory: ldap://127.0.0.1:");
  await expect(settings).not.toContainText("adminpw");
  await page.getByLabel("Look up a person (optional)").fill("dir-dev");
  await page.getByRole("button", { name: "Test connection" }).click();
  const steps = page.getByTestId("directory-check");
  await expect(steps).toContainText("✔ connect");
  await expect(steps).toContainText("✔ bind");
  await expect(steps).toContainText("✔ search");
  await expect(steps).toContainText("✔ groups");
  await expect(steps).toContainText("registry-devs");
});

test("a local account keeps signing in with its own password beside the directory", async ({ page, request }) => {
  const username = unique("local");
  const password = `pw-${Date.now()}`;
  expect((await adminApi(request, "POST", "/api/v1/users", { username, password, role: "user" })).status).toBe(201);
  await signInViaApi(page, username, password);
  const me = await page.request.get("/api/v1/me");
  expect(me.status()).toBe(200);
});
