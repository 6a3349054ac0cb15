// A team maintainer at work in the browser: an admin gives a team a namespace; its maintainer
// opens Teams, adds a colleague, creates the team's CI account and its token, grants it push
// inside the namespace (the token then pushes for real with skopeo) and is refused, with the
// reason, outside it; a plain member sees the team but cannot change it.
import { buildTestImage, skopeoCopy, type TestRegistry } from "../tests/helpers/registry";
import { adminApi, createUser, expect, signInViaApi, startConsoleRegistry, test, unique } from "./fixtures";

let registry: TestRegistry;
let image: string;

test.beforeAll(async ({ request }) => {
  registry = await startConsoleRegistry(request);
  image = await buildTestImage("pushed by a team's robot\n");
});
test.afterAll(async () => {
  await registry?.stop();
});

test("a maintainer runs the team's namespace from the Teams page; a member only looks", async ({
  browser,
  page,
  request,
  consoleErrors,
}, info) => {
  test.setTimeout(180_000);
  const team = unique("squad");
  const maintainer = await createUser(request);
  const member = await createUser(request);
  const colleague = await createUser(request);
  expect((await adminApi(request, "POST", "/api/v1/teams", { name: team })).status).toBe(201);
  expect((await adminApi(request, "POST", `/api/v1/teams/${team}/namespaces`, { pattern: `${team}/*` })).status).toBe(
    201,
  );
  for (const [u, role] of [
    [maintainer, "maintainer"],
    [member, "member"],
  ] as const)
    expect(
      (await adminApi(request, "POST", `/api/v1/teams/${team}/members`, { username: u.username, role })).status,
    ).toBe(201);

  await signInViaApi(page, maintainer.username, maintainer.password);
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Teams", exact: true }).click();
  const panel = page.getByTestId("team-panel");
  await expect(panel.getByRole("heading", { name: `Team ${team}` })).toBeVisible();
  await expect(panel.getByTestId("team-namespaces")).toContainText(`${team}/*`);
  await expect(panel.getByRole("button", { name: "Delete team" })).toHaveCount(0);

  // A colleague joins, then becomes a maintainer too.
  await panel.getByLabel("Add member").fill(colleague.username);
  await panel.getByRole("button", { name: "Add", exact: true }).click();
  const row = panel.getByTestId(`member-${colleague.username}`);
  await expect(row).toContainText("member");
  await row.getByRole("button", { name: "Make maintainer" }).click();
  await expect(row).toContainText("maintainer");

  // The team's CI account and its token.
  const robot = unique(`${team}-ci`);
  await page.getByLabel("Name", { exact: true }).first().fill(robot);
  await page.getByRole("button", { name: "Create service account" }).click();
  const robotRow = page.getByTestId(`robot-${robot}`);
  await expect(robotRow).toContainText(team);
  await robotRow.getByRole("button", { name: "New token" }).click();
  const secret = (await page.getByTestId("new-token").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^pcr_/);

  // Push for the robot inside the namespace; a pattern reaching beyond it is refused with the reason.
  const grantForm = page.getByRole("form", { name: "New grant" });
  await expect(grantForm.getByLabel("Subject").locator("option", { hasText: "public" })).toHaveCount(0);
  await grantForm.getByLabel("Subject").selectOption("service-account");
  await grantForm.getByLabel("Name").fill(robot);
  await grantForm.getByLabel("Repository or pattern").fill(`${team}*`);
  await grantForm.getByLabel("push").check();
  await grantForm.getByRole("button", { name: "Grant" }).click();
  await expect(grantForm.getByRole("alert")).toContainText("reaches beyond the namespaces of the teams you maintain");
  await grantForm.getByLabel("Repository or pattern").fill(`${team}/app`);
  await grantForm.getByRole("button", { name: "Grant" }).click();
  await expect(grantForm.getByRole("status")).toContainText(`Granted ${robot} pull, push on ${team}/app`);
  await expect(page.getByTestId(`grant-${robot}-${team}/app`)).toBeVisible();

  const pushed = await skopeoCopy(image, `docker://${registry.host}/${team}/app:v1`, `${robot}:${secret}`);
  expect(pushed.code, pushed.stderr).toBe(0);
  const outside = await skopeoCopy(image, `docker://${registry.host}/elsewhere/app:v1`, `${robot}:${secret}`);
  expect(outside.code).not.toBe(0);
  // The push shows in the namespace's activity.
  await page.reload();
  await expect(page.getByRole("cell", { name: `${team}/app` }).first()).toBeVisible();
  await page.screenshot({ path: info.outputPath("team-maintainer.png"), fullPage: true });

  // A plain member sees the team and its namespace, with nothing to change.
  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await signInViaApi(memberPage, member.username, member.password);
  await memberPage.goto("/teams");
  const view = memberPage.getByTestId("team-panel");
  await expect(view.getByTestId("team-members")).toContainText(colleague.username);
  await expect(view.getByRole("button", { name: /Make (maintainer|member)|Remove/ })).toHaveCount(0);
  await expect(view.getByLabel("Add member")).toHaveCount(0);
  await expect(memberPage.getByRole("form", { name: "New grant" })).toHaveCount(0);
  await memberContext.close();
  // The one refusal above, and nothing else.
  expect(consoleErrors).toEqual(["Failed to load resource: the server responded with a status of 403 (Forbidden)"]);
});
