// The Registry page: checks against a real registry with their fixes, the config generator, the
// htpasswd generator (verified with `htpasswd -vb`), and policy export, preview and import.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import type { TestRegistry } from "../tests/helpers/registry";
import {
  ADMIN_PASSWORD,
  adminApi,
  createUser,
  expect,
  signInViaApi,
  startConsoleRegistry,
  teamWithGrant,
  test,
  unique,
} from "./fixtures";

let registry: TestRegistry;

test.beforeAll(async ({ request }) => {
  registry = await startConsoleRegistry(request);
});
test.afterAll(async () => {
  await registry?.stop();
});

test("registry checks name what is wrong and how to fix it", async ({ page, consoleErrors }, info) => {
  const wrong = unique("wrong-service");
  await signInViaApi(page, "admin", ADMIN_PASSWORD);
  await page.goto("/registry");
  const form = page.getByRole("form", { name: "Add a registry" });
  await form.getByLabel("Name").fill(wrong);
  await form.getByLabel("URL").fill(registry.url);
  await form.getByLabel("Service (its auth.token.service)").fill(wrong);
  await form.getByRole("button", { name: "Add registry" }).click();
  await expect(page.getByTestId(`registry-${wrong}`).getByLabel("allowed")).not.toBeChecked();

  const card = page.getByTestId(`check-${wrong}`);
  await card.getByRole("button", { name: "Run checks" }).click();
  await expect(card.getByRole("row", { name: /reachable/ })).toContainText("private or loopback");
  await expect(card.getByRole("row", { name: /reachable/ })).toContainText("allow private network");

  const toggle = page.getByTestId(`registry-${wrong}`).getByLabel("allowed");
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().includes("/api/v1/registries/")),
    toggle.click(),
  ]);
  await expect(toggle).toBeChecked();
  await card.getByRole("button", { name: "Run checks" }).click();
  await expect(card.getByRole("row", { name: /^challenge/ })).toContainText(
    `its service is ${process.env.E2E_SERVICE}`,
  );
  await expect(card.getByRole("row", { name: /^challenge/ })).toContainText(`service: "${wrong}"`);
  await expect(card.getByRole("row", { name: /^api/ })).toContainText("registry/2.0");
  await expect(card.getByRole("row", { name: /^cors/ })).toContainText("Access-Control-Allow-Origin");
  await page.screenshot({ path: info.outputPath("registry-checks.png"), fullPage: true });
  expect(consoleErrors).toEqual([]);
});

test("config.yml and htpasswd are generated for download; the htpasswd verifies with htpasswd -vb", async ({
  page,
  request,
}) => {
  const u = await createUser(request);
  await signInViaApi(page, "admin", ADMIN_PASSWORD);
  await page.goto("/registry");
  const config = page.getByTestId("config-panel");
  await expect(config.getByTestId("full-config")).toContainText("rootcertbundle");
  await config.getByLabel("Authentication").selectOption("htpasswd");
  await expect(config.getByTestId("full-config")).toContainText("htpasswd:");
  const [configDownload] = await Promise.all([
    page.waitForEvent("download"),
    config.getByRole("button", { name: "Download config.yml" }).click(),
  ]);
  expect(fs.readFileSync((await configDownload.path())!, "utf8")).toContain("version: 0.1");

  const ht = page.getByTestId("htpasswd-panel");
  await ht.getByLabel("Accounts").selectOption("selected");
  await ht.getByLabel("Account names").fill(`${u.username}, no-such-account`);
  await ht.getByRole("button", { name: "Generate" }).click();
  await expect(ht.getByRole("alert")).toContainText('no enabled user or service account named "no-such-account"');
  await ht.getByLabel("Account names").fill(u.username);
  await ht.getByRole("button", { name: "Generate" }).click();
  const row = ht.getByTestId("htpasswd-credentials").getByRole("row", { name: new RegExp(u.username) });
  const password = (await row.getByRole("cell").nth(1).textContent())!;
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    ht.getByRole("button", { name: "Download htpasswd" }).click(),
  ]);
  const file = (await download.path())!;
  execFileSync("htpasswd", ["-vb", file, u.username, password]); // throws on a mismatch
  expect(() => execFileSync("htpasswd", ["-vb", file, u.username, "wrong"], { stdio: "ignore" })).toThrow();

  // For one registry: admins and the accounts a grant there reaches (here the admin, at least).
  await ht.getByLabel("Accounts").selectOption("registry");
  const choice = ht.getByLabel("Registry", { exact: true });
  await expect(choice.locator("option", { hasText: "every registry" })).toHaveCount(0);
  await choice.selectOption({ index: 0 }); // the first registry: admins may use every one
  await ht.getByRole("button", { name: "Generate" }).click();
  await expect(ht.getByTestId("htpasswd-credentials")).toContainText("admin");
});

test("policy files export, preview unchanged, and import a change only when applied", async ({ page, request }) => {
  const team = await teamWithGrant(request, "pteam", ["pull", "push"]);

  await signInViaApi(page, "admin", ADMIN_PASSWORD);
  const exported = await (await page.request.get("/api/v1/policies/zot")).text();
  expect(JSON.parse(exported).accessControl.repositories[`${team}/**`].policies).toEqual([
    { groups: [team], actions: ["read", "create", "update"] },
  ]);

  await page.goto("/registry");
  const panel = page.getByTestId("policies-panel");
  await panel.getByLabel("Format").selectOption("zot");
  await panel.getByLabel("Content").fill(exported);
  await panel.getByRole("button", { name: "Preview" }).click();
  await expect(panel.getByTestId("policy-preview")).toContainText("No changes");

  const edited = JSON.parse(exported);
  edited.accessControl.repositories[`${team}/**`].policies[0].actions = ["read"];
  await panel.getByLabel("Content").fill(JSON.stringify(edited));
  await panel.getByRole("button", { name: "Preview" }).click();
  await expect(panel.getByTestId("policy-preview")).toContainText(`team ${team} on ${team}/*: pull, push → pull`);
  const before = (await adminApi(request, "GET", `/api/v1/grants?subject=${team}`)).body.grants;
  expect(before[0].actions).toEqual(["pull", "push"]);
  await panel.getByRole("button", { name: "Apply 1 change" }).click();
  await expect(panel.getByTestId("policy-preview")).toContainText("Applied");
  const after = (await adminApi(request, "GET", `/api/v1/grants?subject=${team}`)).body.grants;
  expect(after[0].actions).toEqual(["pull"]);

  await panel.getByLabel("Content").fill("{ not json");
  await panel.getByRole("button", { name: "Preview" }).click();
  await expect(panel.getByRole("alert")).toContainText("not valid JSON");
});
