// Browsing in the browser against the real docker-registry filled by skopeo: a user with pull on
// team/* sees only those repositories, tags with shared digests and a multi-arch index, manifests;
// deleting lists the sibling tags; direct mode without CORS is diagnosed and falls back;
// an unreachable registry says so instead of spinning.
import { buildMultiArchImage, buildTestImage, skopeoCopy, type TestRegistry } from "../tests/helpers/registry";
import {
  ADMIN_PASSWORD,
  adminApi,
  createUser,
  expect,
  signInViaApi,
  startConsoleRegistry,
  test,
  unique,
} from "./fixtures";

let registry: TestRegistry;
const team = unique("bteam");

test.beforeAll(async ({ request }) => {
  test.setTimeout(180_000);
  registry = await startConsoleRegistry(request);
  expect(
    (
      await adminApi(request, "PATCH", "/api/v1/registries/default", {
        url: registry.url,
        allowPrivateNetwork: true,
        browseMode: "server",
      })
    ).status,
  ).toBe(200);
  const creds = `admin:${ADMIN_PASSWORD}`;
  const [a, b] = [await buildTestImage("browse a\n"), await buildTestImage("browse b\n")];
  for (const [src, ref] of [
    [a, `${team}/app:v1`],
    [a, `${team}/app:latest`],
    [b, `${team}/app:v2`],
    [a, `${unique("secret")}/hidden:1`],
  ] as const) {
    const r = await skopeoCopy(src, `docker://${registry.host}/${ref}`, creds);
    expect(r.code, r.stderr).toBe(0);
  }
  const m = await skopeoCopy(
    await buildMultiArchImage(),
    `docker://${registry.host}/${team}/multi:1`,
    creds,
    undefined,
    { all: true },
  );
  expect(m.code, m.stderr).toBe(0);
});
test.afterAll(async ({ request }) => {
  await registry?.stop();
  await adminApi(request, "PATCH", "/api/v1/registries/default", { url: "http://127.0.0.1:5000" });
});

async function userWith(
  request: Parameters<typeof createUser>[0],
  grants: { repository: string; actions: string[] }[],
) {
  const u = await createUser(request);
  for (const g of grants)
    expect(
      (await adminApi(request, "POST", "/api/v1/grants", { subject: { type: "user", name: u.username }, ...g })).status,
    ).toBe(201);
  return u;
}

test("a user with pull on team/* sees only those repositories, tags with shared digests, a multi-arch index and manifests", async ({
  page,
  request,
  consoleErrors,
}, info) => {
  const u = await userWith(request, [{ repository: `${team}/*`, actions: ["pull"] }]);
  await signInViaApi(page, u.username, u.password);
  await page.goto("/browse");
  const repos = page.getByTestId("repositories");
  await expect(repos).toContainText(`${team}/app`);
  await expect(repos).toContainText(`${team}/multi`);
  await expect(repos.getByRole("row")).toHaveCount(3); // header + 2: nothing outside team/*
  await repos.getByRole("link", { name: `${team}/app` }).click();
  const tags = page.getByTestId("tags");
  await expect(tags.getByTestId("tag-v1")).toContainText("same as latest");
  await expect(tags.getByTestId("tag-latest")).toContainText("same as v1");
  await expect(tags.getByTestId("tag-v1")).toContainText("linux/amd64");
  await expect(tags.getByTestId("tag-v1").getByRole("button", { name: "Delete" })).toHaveCount(0);
  await page.screenshot({ path: info.outputPath("browse-tags.png"), fullPage: true });
  await tags.getByRole("button", { name: "v1" }).click();
  const manifest = page.getByTestId("manifest");
  await expect(manifest).toContainText(`docker pull ${registry.host}/${team}/app:v1`);
  await expect(manifest).toContainText("Layers");
  await page.getByRole("button", { name: "Close" }).click();

  await page.goto(`/browse/default/${team}/multi`);
  await expect(page.getByTestId("tag-1")).toContainText("linux/amd64, linux/arm64");
  await page.getByTestId("tags").getByRole("button", { name: "1" }).click();
  await expect(page.getByTestId("manifest")).toContainText("linux/arm64");
  await page.getByTestId("manifest").getByRole("button", { name: "linux/arm64" }).click();
  await expect(page.getByTestId("manifest")).toContainText("org.opencontainers.image.title");
  expect(consoleErrors).toEqual([]);
});

test("deleting a tag lists every tag on its digest first, then deletes them", async ({ page, request }) => {
  const u = await userWith(request, [{ repository: `${team}/app`, actions: ["pull", "delete"] }]);
  await signInViaApi(page, u.username, u.password);
  await page.goto(`/browse/default/${team}/app`);
  await page.getByTestId("tag-latest").getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("sibling-tags")).toContainText(`${team}/app:latest`);
  await expect(dialog.getByTestId("sibling-tags")).toContainText(`${team}/app:v1`);
  await dialog.getByRole("button", { name: "Delete 2 tags" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("tags").getByRole("row")).toHaveCount(2); // header + v2
  await expect(page.getByTestId("tag-v2")).toBeVisible();
});

test("direct mode against a registry without CORS is diagnosed and falls back to browsing through Portcullis", async ({
  page,
  request,
}) => {
  const u = await userWith(request, [{ repository: `${team}/*`, actions: ["pull"] }]);
  expect((await adminApi(request, "PATCH", "/api/v1/registries/default", { browseMode: "direct" })).status).toBe(200);
  try {
    await signInViaApi(page, u.username, u.password);
    await page.goto(`/browse/default/${team}/multi`);
    await expect(page.getByTestId("browse-mode")).toContainText("Direct browsing is not possible");
    await expect(page.getByTestId("browse-mode")).toContainText("Access-Control-Allow-Origin");
    await expect(page.getByTestId("tag-1")).toContainText("linux/arm64");
  } finally {
    expect((await adminApi(request, "PATCH", "/api/v1/registries/default", { browseMode: "server" })).status).toBe(200);
  }
});

test("an unreachable registry shows a clear state, not an endless spinner", async ({ page, request }) => {
  const name = unique("down");
  expect(
    (
      await adminApi(request, "POST", "/api/v1/registries", {
        name,
        url: "http://127.0.0.1:1",
        service: name,
        allowPrivateNetwork: true,
      })
    ).status,
  ).toBe(201);
  await signInViaApi(page, "admin", ADMIN_PASSWORD);
  await page.goto("/browse");
  await page.getByLabel("Registry").selectOption(name);
  await expect(page.getByTestId("registry-error")).toContainText("unreachable");
  await expect(page.getByTestId("registry-error").getByRole("button", { name: "Try again" })).toBeVisible();
  expect((await adminApi(request, "DELETE", `/api/v1/registries/${name}`)).status).toBe(200);
});
