import { adminApi, basic, createUser, expect, signInViaApi, test } from "./fixtures";

const SERVICE = process.env.E2E_SERVICE ?? "e2e-registry";

test("My access shows what I can do and why, and explains my own refusals only", async ({ page, request }) => {
  const me = await createUser(request);
  const other = await createUser(request);
  const granted = await adminApi(request, "POST", "/api/v1/grants", {
    subject: { type: "user", name: me.username },
    repository: `${me.username}/*`,
    actions: ["pull"],
  });
  expect(granted.status).toBe(201);
  const ask = (auth: string, scope: string) =>
    request.get(`/api/registry/token?service=${SERVICE}&scope=${encodeURIComponent(scope)}`, {
      headers: { Authorization: auth },
    });
  expect((await ask(basic(me.username, me.password), `repository:${me.username}/app:push`)).status()).toBe(200);
  expect((await ask(basic(me.username, "not-my-password"), `repository:${me.username}/app:pull`)).status()).toBe(401);
  expect((await ask(basic(other.username, other.password), "repository:elsewhere/secret:pull")).status()).toBe(200);

  await signInViaApi(page, me.username, me.password);
  await page.goto("/me");
  await expect(page.getByRole("heading", { level: 1, name: "My access" })).toBeVisible();
  const access = page.getByTestId("my-access");
  await expect(access.getByRole("row", { name: new RegExp(`${me.username}/\\* pull your own grant`) })).toBeVisible();
  const refusals = page.getByTestId("my-refusals");
  await expect(refusals).toContainText(`You may not push to ${me.username}/app`);
  await expect(refusals).toContainText("The password was wrong.");
  await expect(refusals).not.toContainText("elsewhere/secret");

  // Only one's own: the other person's refusal is theirs alone.
  const theirs = await request.get("/api/v1/me/refusals", {
    headers: { Authorization: basic(other.username, other.password) },
  });
  const body = (await theirs.json()) as { refusals: { repository: string | null }[] };
  expect(body.refusals.map((r) => r.repository)).toEqual(["elsewhere/secret"]);
});
