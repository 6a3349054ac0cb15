import { adminApi, basic, createUser, expect, signInViaApi, test } from "./fixtures";

const SERVICE = process.env.E2E_SERVICE ?? "e2e-registry";

test("a developer pastes a failed push and gets the cause and the fix for this registry", async ({ page, request }) => {
  const user = await createUser(request);
  const registries = (await adminApi(request, "GET", "/api/v1/registries")).body.registries as {
    name: string;
    url: string;
  }[];
  const host = new URL(registries[0].url).host;
  // The push that failed, as the registry asked Portcullis for it.
  const refused = await request.get(
    `/api/registry/token?service=${SERVICE}&scope=${encodeURIComponent(`repository:${user.username}/app:push,pull`)}`,
    { headers: { Authorization: basic(user.username, user.password) } },
  );
  expect(refused.status()).toBe(200);
  await signInViaApi(page, user.username, user.password);
  await page.goto("/help");
  await expect(page.getByRole("heading", { level: 1, name: "Help: why can't I push?" })).toBeVisible();

  await page.getByRole("button", { name: "Explain" }).click();
  await expect(page.locator(".error")).toContainText("paste the error message");

  const box = page.getByLabel("The output of the failed command");
  await box.fill(
    `The push refers to repository [${host}/team/app]\n5f70bf18a086: Preparing\ndenied: requested access to the resource is denied`,
  );
  await page.getByRole("button", { name: "Explain" }).click();
  const answer = page.getByTestId("diagnosis");
  await expect(answer.getByRole("heading", { name: /Denied: no grant covers this repository/ })).toBeVisible();
  await expect(answer).toContainText(`docker push ${host}/<repository>:<tag>`);
  await expect(answer).toContainText(`Written for ${registries[0].name} (${host})`);
  // The decision in question: the user's own last refusal, explained.
  await expect(answer.getByTestId("last-refusal")).toContainText(`You may not push to ${user.username}/app`);

  await box.fill(
    `Error response from daemon: Get "https://${host}/v2/": http: server gave HTTP response to HTTPS client`,
  );
  await page.getByRole("button", { name: "Explain" }).click();
  await expect(answer.getByRole("heading", { name: /plain http/ })).toBeVisible();
  await expect(answer).toContainText(`"insecure-registries": ["${host}"]`);

  await box.fill("everything went fine");
  await page.getByRole("button", { name: "Explain" }).click();
  await expect(answer).toContainText("Nothing Portcullis recognises");
});
