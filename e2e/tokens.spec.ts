import { createUser, expect, signInViaApi, test } from "./fixtures";

test("a user mints a token, sees it once with snippets, and revokes it", async ({ page, request }) => {
  const u = await createUser(request);
  await signInViaApi(page, u.username, u.password);
  await page.goto("/tokens");
  await page.getByLabel("Name").fill("ci-token");
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = await page.getByTestId("new-token").textContent();
  expect(secret).toMatch(/^pct_[0-9A-Za-z]{38}$/);
  await expect(page.getByText(`docker login`).first()).toBeVisible();
  await expect(page.getByText(`-u ${u.username} --password-stdin`).first()).toBeVisible();

  // The token works for the API, as the Bearer credential...
  const me = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${secret}` } });
  expect(await me.json()).toMatchObject({ name: u.username, via: "token" });

  // ...and is listed without its secret, then revoked.
  await page.reload();
  const row = page.getByTestId("token-ci-token");
  await expect(row).toContainText("active");
  await expect(page.getByText(secret!)).toHaveCount(0);
  await row.getByRole("button", { name: "Revoke" }).click();
  await row.getByRole("button", { name: "Confirm revoke" }).click();
  await expect(row).toContainText("revoked");
  const after = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${secret}` } });
  expect(after.status()).toBe(401);
});

test("the form uses the server's rules: a bad repository pattern is explained", async ({ page, request }) => {
  const u = await createUser(request);
  await signInViaApi(page, u.username, u.password);
  await page.goto("/tokens");
  await page.getByLabel("Name").fill("bad");
  await page.getByLabel(/Limit to repository/).fill("Team/../x");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.locator(".error[role=alert]")).toContainText("not a repository name or pattern");
});
