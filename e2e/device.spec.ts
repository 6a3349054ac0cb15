import { adminApi, basic, createUser, expect, signInViaApi, test, unique } from "./fixtures";

const SERVICE = process.env.E2E_SERVICE ?? "e2e-registry";
const CLIENT = "docker-credential-portcullis";

test("a machine signs in with a code: sign in first, see who asks, approve narrower, the client gets its token", async ({
  page,
  request,
}) => {
  const me = await createUser(request);
  const ns = unique("dev");
  expect(
    (
      await adminApi(request, "POST", "/api/v1/grants", {
        subject: { type: "user", name: me.username },
        repository: `${ns}/*`,
        actions: ["pull", "push"],
      })
    ).status,
  ).toBe(201);
  const started = await request.post("/api/oauth/device/code", {
    form: { client_id: CLIENT, service: SERVICE, device_name: "laptop-e2e", scope: `repository:${ns}/app:pull,push` },
  });
  expect(started.status()).toBe(200);
  const code = (await started.json()) as { device_code: string; user_code: string; verification_uri_complete: string };

  // Not signed in: the link leads through sign-in and back to the code.
  await page.goto(new URL(code.verification_uri_complete).pathname + new URL(code.verification_uri_complete).search);
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await page.getByLabel("Username").fill(me.username);
  await page.getByLabel("Password").fill(me.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/device\\?code=${code.user_code}`));

  const ask = page.getByTestId("device-request");
  await expect(ask).toContainText(`“laptop-e2e” asks to sign in to the registry ${SERVICE} as ${me.username}`);
  await expect(ask).toContainText(CLIENT);
  // The device asked for one repository: offered as the choice, narrowed here to pull only.
  await expect(page.getByLabel("Repository or pattern").first()).toHaveValue(`${ns}/app`);
  await page.getByLabel("push").first().uncheck();
  await page.getByLabel("Stays signed in for").selectOption("7");
  await ask.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByTestId("device-outcome")).toContainText("Approved: go back to your device");

  const polled = await request.post("/api/registry/token", {
    form: {
      grant_type: "urn:ietf:params:oauth:grant-type:device_code",
      device_code: code.device_code,
      client_id: CLIENT,
    },
  });
  expect(polled.status()).toBe(200);
  const { refresh_token } = (await polled.json()) as { refresh_token: string };
  const renewed = await request.post("/api/registry/token", {
    form: { grant_type: "refresh_token", refresh_token, service: SERVICE, scope: `repository:${ns}/app:pull,push` },
  });
  const claims = JSON.parse(
    Buffer.from(((await renewed.json()) as { token: string }).token.split(".")[1], "base64url").toString(),
  );
  expect(claims.access).toEqual([{ type: "repository", name: `${ns}/app`, actions: ["pull"] }]);

  // The Tokens page: how to sign a machine in, and this one listed with its scope, signed out there.
  await page.goto("/tokens");
  const howto = page.getByTestId("sign-in-a-machine");
  await expect(howto.getByTestId("snippet-helper-login")).toContainText("docker-credential-portcullis login");
  await expect(howto.getByTestId("snippet-helper-docker")).toContainText('"credHelpers"');
  const row = page.getByRole("row", { name: /laptop-e2e/ });
  await expect(row).toContainText(`approved in the console · ${ns}/app (pull)`);
  await row.getByRole("button", { name: "Sign out" }).click();
  await row.getByRole("button", { name: "Confirm: sign out" }).click();
  await expect(row).toHaveCount(0);
  const after = await request.post("/api/registry/token", {
    form: { grant_type: "refresh_token", refresh_token, service: SERVICE },
  });
  expect(after.status()).toBe(401);
});

test("a wrong code says what to do; a denied device is told no", async ({ page, request }) => {
  const me = await createUser(request);
  await signInViaApi(page, me.username, me.password);
  await page.goto("/device");
  await page.getByLabel("The code your device shows").fill("bcdf-ghjk");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText(/no device is waiting for this code/)).toBeVisible();

  const started = await request.post("/api/oauth/device/code", { form: { client_id: CLIENT, service: SERVICE } });
  const code = (await started.json()) as { device_code: string; user_code: string };
  await page.getByLabel("The code your device shows").fill(code.user_code.toLowerCase());
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByTestId("device-request").getByRole("button", { name: "Deny" }).click();
  await expect(page.getByTestId("device-outcome")).toContainText("Denied");
  const polled = await request.post("/api/registry/token", {
    form: { grant_type: "urn:ietf:params:oauth:grant-type:device_code", device_code: code.device_code },
  });
  expect(polled.status()).toBe(400);
  expect(((await polled.json()) as { error: string }).error).toBe("access_denied");
  // The console route is for a person in a browser: a password cannot answer devices.
  const api = await request.get(`/api/v1/me/devices/${code.user_code}`, {
    headers: { Authorization: basic(me.username, me.password) },
  });
  expect(api.status()).toBe(403);
});
