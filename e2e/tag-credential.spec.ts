// "Who overwrote prod:latest, and with which credential?": a real docker-registry configured from
// Portcullis's own generated config.yml (token auth and notifications) takes two pushes by skopeo,
// one with a developer's access token and one with a robot's token; the auditor's tag history
// names the robot's token behind the overwrite and links the decision that authorised it. On the
// way, an admin's change in the console is followed by a notification.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildTestImage, skopeoCopy, startRegistry, type TestRegistry } from "../tests/helpers/registry";
import { ADMIN_PASSWORD, adminApi, basic, createUser, expect, signInViaApi, test, unique } from "./fixtures";

let registry: TestRegistry;

test.beforeAll(async ({ request }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-e2e-tags-"));
  const bundle = path.join(dir, "certs.pem");
  fs.writeFileSync(bundle, await (await request.get("/api/registry/certs.pem")).text());
  const q = new URLSearchParams({ mode: "token", bundlePath: bundle, addr: "127.0.0.1:1", storageDir: "/placeholder" });
  const generated = await adminApi(request, "GET", `/api/v1/registries/default/config?${q}`);
  expect(generated.status).toBe(200);
  const full = generated.body.full as string;
  expect(full).toContain("notifications:");
  registry = await startRegistry({
    config: (addr, storageDir) =>
      full.replace("127.0.0.1:1", addr).replace('"/placeholder"', JSON.stringify(storageDir)),
  });
});
test.afterAll(async () => {
  await registry?.stop();
});

test("the auditor's tag history names the token behind each push; a change is followed by a notification", async ({
  page,
  request,
  consoleErrors,
}, info) => {
  test.setTimeout(120_000);
  const repo = `${unique("prod")}/app`;
  const dev = await createUser(request, "user");
  const auditor = await createUser(request, "auditor");
  const robot = unique("deployer");
  expect((await adminApi(request, "POST", "/api/v1/service-accounts", { name: robot })).status).toBe(201);
  for (const subject of [
    { type: "user", name: dev.username },
    { type: "service-account", name: robot },
  ])
    expect(
      (await adminApi(request, "POST", "/api/v1/grants", { subject, repository: repo, actions: ["pull", "push"] }))
        .status,
    ).toBe(201);
  const devToken = await request.post("/api/v1/tokens", {
    data: { name: "laptop", expiresInDays: 1 },
    headers: { Authorization: basic(dev.username, dev.password) },
  });
  expect(devToken.status()).toBe(201);
  const robotToken = await adminApi(request, "POST", "/api/v1/tokens", {
    name: "release-pipeline",
    serviceAccount: robot,
    expiresInDays: 1,
  });
  expect(robotToken.status).toBe(201);

  const [a, b] = [await buildTestImage("first latest\n"), await buildTestImage("second latest\n")];
  const first = await skopeoCopy(
    a,
    `docker://${registry.host}/${repo}:latest`,
    `${dev.username}:${(await devToken.json()).token}`,
  );
  expect(first.code, first.stderr).toBe(0);
  const second = await skopeoCopy(b, `docker://${registry.host}/${repo}:latest`, `${robot}:${robotToken.body.token}`);
  expect(second.code, second.stderr).toBe(0);

  await signInViaApi(page, auditor.username, auditor.password);
  await page.goto(`/audit/tags?repository=${encodeURIComponent(repo)}&tag=latest`);
  const changes = page.getByTestId("tag-changes");
  // Notifications arrive a moment after the push: ask again until both are there.
  await expect(async () => {
    await page.getByRole("button", { name: "Show history" }).click();
    await expect(changes.getByRole("row")).toHaveCount(3, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  const change = (kind: string) =>
    changes.getByRole("row").filter({ has: page.getByRole("cell", { name: kind, exact: true }) });
  const overwrite = change("overwrite");
  await expect(overwrite).toContainText(robot);
  await expect(overwrite.getByTestId("credential-behind")).toContainText(`robot token “release-pipeline”`);
  const created = change("new");
  await expect(created.getByTestId("credential-behind")).toContainText(`access token “laptop”`);
  await expect(created.getByTestId("credential-behind")).toContainText(`of ${dev.username}`);
  await page.screenshot({ path: info.outputPath("tag-history.png"), fullPage: true });

  // The decision it links to is the robot's token request, granted push on the repository.
  await overwrite.getByRole("link", { name: /decision/ }).click();
  await expect(page.getByTestId("event-detail")).toContainText("token.issue");
  await expect(page.getByTestId("event-detail")).toContainText(robot);
  // The push's own event page says the same.
  await page.goBack();
  await page.getByRole("button", { name: "Show history" }).click();
  await overwrite.getByRole("link").first().click();
  await expect(page.getByTestId("event-detail")).toContainText("registry.push");
  await expect(page.getByTestId("credential-behind")).toContainText("release-pipeline");
  expect(consoleErrors).toEqual([]);

  // An admin's change is followed by a notification that says what was done; a refusal by one that says why.
  await page.context().clearCookies();
  await signInViaApi(page, "admin", ADMIN_PASSWORD);
  await page.goto("/users");
  await page.getByLabel("Search").fill(dev.username);
  const row = page.getByTestId(`user-${dev.username}`);
  await row.getByRole("button", { name: `More actions for ${dev.username}` }).click();
  await page.getByRole("menuitem", { name: "Disable" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Disable" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: `${dev.username} disabled` })).toBeVisible();
  await expect(row).toContainText("disabled");
  await page.getByRole("button", { name: "Dismiss" }).first().click();
  await expect(page.getByTestId("toast")).toHaveCount(0);
});
