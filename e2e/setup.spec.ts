import { adminApi, createUser, expect, signInViaApi, test } from "./fixtures";

test("Set up my machine: every client's configuration for the registry, filled in and copyable", async ({
  page,
  request,
}) => {
  const user = await createUser(request);
  const registries = (await adminApi(request, "GET", "/api/v1/registries")).body.registries as {
    name: string;
    url: string;
  }[];
  const url = new URL(registries[0].url);
  await signInViaApi(page, user.username, user.password);
  await page.goto("/");
  await page.getByRole("link", { name: "Set up", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Set up my machine" })).toBeVisible();

  await expect(page.getByTestId("snippet-docker-login").locator("pre")).toHaveText(
    `docker login ${url.host} -u ${user.username}`,
  );
  await expect(page.getByTestId("snippet-proxy-urls").locator("pre")).toContainText(`${url.protocol}//${url.host}/v2/`);
  if (url.protocol === "http:") await expect(page.getByTestId("snippet-podman-insecure")).toContainText(url.host);
  await page.getByLabel("Service account (clusters, CI)").fill("deploy-bot");
  await expect(page.getByTestId("snippet-k8s-kubectl")).toContainText("--docker-username=deploy-bot");
  await expect(page.getByTestId("snippet-github")).toContainText("username: deploy-bot");
  await expect(page.getByTestId("setup-ci").getByRole("button", { name: "Copy: Jenkins (Pipeline)" })).toBeVisible();
});
