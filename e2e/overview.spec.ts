// "Is everything fine?" on the Overview: the registry's checks, refusals against the usual rate,
// expiring tokens, lockouts and waiting requests, each with where to act; recent activity.
import { ADMIN_PASSWORD, adminApi, createUser, expect, signInViaApi, startConsoleRegistry, test } from "./fixtures";
import type { TestRegistry } from "../tests/helpers/registry";

let registry: TestRegistry;
test.beforeAll(async ({ request }) => {
  registry = await startConsoleRegistry(request);
});
test.afterAll(async () => {
  await registry?.stop();
});

test("the overview answers whether everything is fine, and says where to act", async ({ page, request }) => {
  const u = await createUser(request);
  // Refused token requests now: a real account asking for what no grant gives it. (Not wrong
  // passwords: those count against the address every e2e test signs in from.)
  const service = process.env.E2E_SERVICE ?? "e2e-registry";
  for (let i = 0; i < 3; i++) {
    const r = await request.get(`/api/registry/token?service=${service}&scope=repository:nobody-${i}/y:push`, {
      headers: { Authorization: `Basic ${Buffer.from(`${u.username}:${u.password}`).toString("base64")}` },
    });
    expect(r.status()).toBe(200);
  }
  // A token that expires in 3 days.
  const t = await request.post("/api/v1/tokens", {
    data: { name: "soon", expiresInDays: 3 },
    headers: { Authorization: `Basic ${Buffer.from(`${u.username}:${u.password}`).toString("base64")}` },
  });
  expect(t.status()).toBe(201);

  await signInViaApi(page, "admin", ADMIN_PASSWORD);
  await page.goto("/");
  const fine = page.getByTestId("everything-fine");
  await expect(fine.getByTestId("health-refusals")).toContainText(/\d+ refused token requests in the last hour/);
  await expect(fine.getByTestId("health-expiring")).toContainText(/\d+ access tokens? expires? within 7 days/);
  await expect(fine.getByTestId("health-expiring").getByRole("link", { name: "see which" })).toHaveAttribute(
    "href",
    "/tokens",
  );
  await expect(fine.getByTestId("health-lockouts")).toBeVisible();
  await expect(fine.getByTestId("health-requests")).toBeVisible();
  // The registry checks ran: a line per registry, each with a verdict (not still checking).
  const registries = (await adminApi(request, "GET", "/api/v1/registries")).body.registries as { name: string }[];
  for (const r of registries)
    await expect(fine.getByTestId(`health-${r.name}`)).not.toContainText("checking…", { timeout: 30_000 });
  await expect(page.getByTestId("recent-activity")).toContainText("token.issue");

  // A plain user sees only what is theirs to know: no registry checks, refusals or lockouts.
  const userPage = await (await page.context().browser()!.newContext()).newPage();
  await signInViaApi(userPage, u.username, u.password);
  await userPage.goto("/");
  await expect(userPage.getByTestId("health-refusals")).toHaveCount(0);
  await expect(userPage.getByTestId("health-lockouts")).toHaveCount(0);
  await expect(userPage.getByTestId("registry-health")).toHaveCount(0);
  await expect(userPage.getByTestId("recent-activity")).toHaveCount(0);
  await userPage.context().close();
});
