import { ADMIN_PASSWORD, adminApi, basic, createUser, expect, signInViaApi, test, unique } from "./fixtures";

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

  // Where I am signed in with docker login, and signing one client out.
  const login = await request.get(`/api/registry/token?service=${SERVICE}&offline_token=true&client_id=docker-laptop`, {
    headers: { Authorization: basic(me.username, me.password) },
  });
  expect(login.status()).toBe(200);
  await page.reload();
  const credentials = page.getByTestId("my-credentials");
  const row = credentials.getByRole("row", { name: /docker-laptop/ });
  await expect(row).toContainText(SERVICE);
  await row.getByRole("button", { name: "Sign out" }).click();
  await row.getByRole("button", { name: "Confirm: sign out" }).click();
  await expect(credentials).toContainText("No registry client is signed in as you");

  // Only one's own: the other person's refusal is theirs alone.
  const theirs = await request.get("/api/v1/me/refusals", {
    headers: { Authorization: basic(other.username, other.password) },
  });
  const body = (await theirs.json()) as { refusals: { repository: string | null }[] };
  expect(body.refusals.map((r) => r.repository)).toEqual(["elsewhere/secret"]);
});

test("from a denial to access: request it on My access, an admin approves narrower, the person sees the answer", async ({
  page,
  browser,
  request,
  baseURL,
}) => {
  const me = await createUser(request);
  const ns = unique("ask");
  // Refused for real at the token endpoint: push on a repository no grant covers.
  const refused = await request.get(
    `/api/registry/token?service=${SERVICE}&scope=${encodeURIComponent(`repository:${ns}/app:pull,push`)}`,
    { headers: { Authorization: basic(me.username, me.password) } },
  );
  expect(refused.status()).toBe(200);

  await signInViaApi(page, me.username, me.password);
  await page.goto("/me");
  await page.getByRole("link", { name: `Request pull, push on ${ns}/app` }).click();
  const form = page.getByRole("form", { name: "Request access" });
  await expect(form.getByLabel("Repository or pattern")).toHaveValue(`${ns}/app`);
  await expect(form.getByLabel("push")).toBeChecked();
  await expect(form.getByLabel("pull")).toBeChecked();
  await expect(form.getByLabel("delete")).not.toBeChecked();
  await form.getByLabel("Repository or pattern").fill(`${ns}/*`);
  await form.getByRole("button", { name: "Send request" }).click();
  await expect(form.getByRole("alert")).toHaveText(/say in a few words/);
  await form.getByLabel("Why").fill("I release the app from CI");
  await form.getByRole("button", { name: "Send request" }).click();
  await expect(form.getByRole("status")).toContainText(`Asked for pull, push on ${ns}/*`);
  const mine = page.getByTestId(`my-request-${ns}/*`);
  await expect(mine).toContainText("pending");
  // Asking twice is refused with the reason, in the form.
  await form.getByLabel("Repository or pattern").fill(`${ns}/app`);
  await form.getByLabel("push").check();
  await form.getByLabel("Why").fill("again");
  await form.getByRole("button", { name: "Send request" }).click();
  await expect(form.getByRole("alert")).toContainText("still waiting for an answer");

  // The admin answers on the Access page: only the app, only pull.
  const adminContext = await browser.newContext({ baseURL });
  const admin = await adminContext.newPage();
  await signInViaApi(admin, "admin", ADMIN_PASSWORD);
  await admin.goto("/");
  await expect(admin.getByTestId("health-requests")).toContainText(/\d+ access requests? waits? for an answer/);
  await admin.goto("/access");
  const row = admin.getByTestId(`request-${me.username}-${ns}/*`);
  await expect(row).toContainText("I release the app from CI");
  await row.getByText("Answer…").click();
  const approve = row.getByRole("form", { name: `Approve ${me.username} on ${ns}/*` });
  await approve.getByLabel("Grant on").fill(`${ns}/app`);
  await approve.getByLabel("push").uncheck();
  await approve.getByLabel("Note (optional)").fill("pull for now");
  await approve.getByRole("button", { name: "Approve" }).click();
  await expect(row).toHaveCount(0);
  await admin.getByTestId("access-requests").getByLabel("Status").selectOption("approved");
  await expect(admin.getByTestId(`request-${me.username}-${ns}/*`)).toContainText("by admin");
  await expect(admin.getByTestId(`grant-${me.username}-${ns}/app`)).toContainText("pull");
  await adminContext.close();

  await page.reload();
  await expect(mine).toContainText("approved");
  await expect(mine).toContainText(`Granted pull on ${ns}/app`);
  await expect(mine).toContainText("pull for now");
  await expect(page.getByTestId("my-access").getByRole("row", { name: new RegExp(`${ns}/app pull`) })).toBeVisible();
});
