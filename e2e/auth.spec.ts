import { ADMIN_PASSWORD, adminApi, createUser, expect, signInViaApi, test } from "./fixtures";

test("the bootstrapped admin signs in, sees the shell, and signs out", async ({ page, consoleErrors }) => {
  await page.goto("/login");
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("current-user")).toContainText("admin");
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const item of ["Users", "Teams", "Access", "Tokens", "Registry", "Audit log", "Settings"]) {
    await expect(nav.getByRole("link", { name: item, exact: true })).toBeVisible();
  }
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/users");
  await expect(page).toHaveURL(/\/login/);
  expect(consoleErrors).toEqual([]);
});

test("a wrong password gets a clear message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill("definitely-wrong");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.locator(".error[role=alert]")).toContainText("Incorrect username or password");
  await expect(page).toHaveURL(/\/login/);
});

test("an empty form is refused before it is sent", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.locator(".error[role=alert]")).toContainText("Enter your username and password");
});

test("a direct visit to a protected page redirects to sign-in", async ({ page }) => {
  for (const path of ["/", "/users", "/audit", "/tokens"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/login/);
  }
});

test("a disabled user is signed out on their next request", async ({ page, request }) => {
  const u = await createUser(request);
  await signInViaApi(page, u.username, u.password);
  await page.goto("/tokens");
  await expect(page.getByTestId("current-user")).toContainText(u.username);
  expect((await adminApi(request, "PATCH", `/api/v1/users/${u.username}`, { disabled: true })).status).toBe(200);
  await page.goto("/tokens");
  await expect(page).toHaveURL(/\/login/);
});

test("malformed sign-in requests are refused without a crash", async ({ request }) => {
  const csrf = await (await request.get("/api/auth/csrf")).json();
  for (const form of [{}, { username: "admin" }, { username: "x".repeat(5000), password: "y" }] as Record<
    string,
    string
  >[]) {
    const res = await request.post("/api/auth/callback/credentials", {
      form: { csrfToken: csrf.csrfToken, json: "true", ...form },
      maxRedirects: 0,
    });
    expect(res.status()).toBeLessThan(500);
  }
  const health = await request.get("/api/health");
  expect(await health.json()).toMatchObject({ status: "ok", ready: true });
});

test("session cookies are HttpOnly and SameSite; pages carry a CSP without unsafe-eval and the other security headers", async ({
  page,
}) => {
  await signInViaApi(page, "admin", ADMIN_PASSWORD);
  const session = (await page.context().cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
  expect(session).toBeTruthy();
  expect(session!.httpOnly).toBe(true);
  expect(session!.sameSite).toBe("Lax");
  const res = await page.goto("/users");
  const h = res!.headers();
  expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(h["content-security-policy"]).toContain("default-src 'self'");
  expect(h["content-security-policy"]).not.toContain("unsafe-eval");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["x-frame-options"]).toBe("DENY");
  expect(h["referrer-policy"]).toBe("same-origin");
  // State never changes on GET: a GET to a write route is not a way in.
  expect((await page.request.get("/api/v1/me/password")).status()).toBe(405);
});

test("a password reset ends a session signed in within the same second", async ({ page, request }) => {
  const u = await createUser(request);
  await signInViaApi(page, u.username, u.password);
  // At once: with second-granularity times the session would have survived this reset.
  expect(
    (await adminApi(request, "PATCH", `/api/v1/users/${u.username}`, { password: "a-brand-new-password" })).status,
  ).toBe(200);
  expect((await page.request.get("/api/v1/me")).status()).toBe(401);
  await page.goto("/tokens");
  await expect(page).toHaveURL(/\/login/);
  // Signing in again after the reset works.
  await signInViaApi(page, u.username, "a-brand-new-password");
  expect((await (await page.request.get("/api/v1/me")).json()).name).toBe(u.username);
});
