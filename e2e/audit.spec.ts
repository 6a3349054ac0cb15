// An auditor answers "who was denied what": filters to a denied push, opens it, exports the
// filter (streamed, with progress), verifies the chain, and can change nothing.
import fs from "node:fs";
import type { APIRequestContext } from "@playwright/test";
import { ADMIN_PASSWORD, adminApi, basic, createUser, expect, signInViaApi, test, unique } from "./fixtures";

/** An auditor, and a developer who may pull `<prefix>-…/app` and asks the token endpoint for scopes. */
async function auditorAndPuller(request: APIRequestContext, prefix: string) {
  const auditor = await createUser(request, "auditor");
  const dev = await createUser(request, "user");
  const repo = `${unique(prefix)}/app`;
  const made = await adminApi(request, "POST", "/api/v1/grants", {
    subject: { type: "user", name: dev.username },
    repository: repo,
    actions: ["pull"],
  });
  expect(made.status).toBe(201);
  const ask = (scope: string) =>
    request.get(`/api/registry/token?service=${process.env.E2E_SERVICE}&scope=${encodeURIComponent(scope)}`, {
      headers: { Authorization: basic(dev.username, dev.password) },
    });
  return { auditor, dev, repo, ask };
}

test("an auditor filters to a denied push, opens it, exports the filter and verifies the chain", async ({
  page,
  request,
  consoleErrors,
}, info) => {
  const { auditor, dev, repo, ask } = await auditorAndPuller(request, "aud");
  const denied = await ask(`repository:${repo}:pull,push`);
  expect(denied.status()).toBe(200);
  expect(
    JSON.parse(Buffer.from((await denied.json()).token.split(".")[1], "base64url").toString()).access[0].actions,
  ).toEqual(["pull"]);

  await signInViaApi(page, auditor.username, auditor.password);
  await page.goto("/audit");
  const filter = page.getByRole("form", { name: "Filter the audit log" });
  await filter.getByLabel("Actor").fill(dev.username);
  await filter.getByLabel("Outcome").selectOption("partial");
  await filter.getByRole("button", { name: "Filter" }).click();
  const row = page.getByRole("row", { name: new RegExp(`push=no_grant`) });
  await expect(row).toHaveCount(1);
  await expect(page.getByTestId("top-denied")).toContainText(repo);
  await expect(page.getByTestId("activity-chart")).toContainText("denials: 1");
  await page.screenshot({ path: info.outputPath("audit.png"), fullPage: true });

  // The export of exactly this filter, streamed with progress.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export CSV" }).click(),
  ]);
  const csv = fs
    .readFileSync((await download.path())!, "utf8")
    .trim()
    .split("\r\n");
  expect(csv[0]).toBe(
    "id,time,actorName,actorKind,credential,action,outcome,reason,repository,tag,digest,clientIp,userAgent,requestId,requested,granted",
  );
  expect(csv).toHaveLength(2);
  expect(csv[1]).toContain(`${repo}:push=no_grant`);
  await expect(page.getByTestId("export-progress")).toContainText("1 / 1");
  const [jsonl] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export JSON lines" }).click(),
  ]);
  const events = fs
    .readFileSync((await jsonl.path())!, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  expect(events.map((e) => e.outcome)).toEqual(["partial"]);

  // The event in full, with its decision trace.
  await row.getByRole("link").first().click();
  await expect(page.getByTestId("event-detail")).toContainText(`${repo}:push=no_grant`);
  await expect(page.getByTestId("event-detail")).toContainText("token.issue");
  await page.getByText("Trace").click();
  await expect(page.getByTestId("trace")).toContainText("push: no_grant");

  await page.goto("/audit");
  await page.getByRole("button", { name: "Verify the chain" }).click();
  await expect(page.getByTestId("verify-result")).toContainText("intact");

  // Read-only: no admin controls, and the API refuses changes.
  await page.goto("/users");
  await expect(page.getByRole("button", { name: "New user" })).toHaveCount(0);
  const origin = new URL(page.url()).origin;
  expect(
    (
      await page.request.post("/api/v1/grants", {
        data: { subject: { type: "user", name: auditor.username }, repository: "*", actions: ["push"] },
        headers: { Origin: origin },
      })
    ).status(),
  ).toBe(403);
  expect((await page.request.post("/api/v1/audit-events/retention", { headers: { Origin: origin } })).status()).toBe(
    403,
  );
  expect(consoleErrors).toEqual([]);
});

test("a link from a user's row lands on their events; tag history answers for a repository", async ({
  page,
  request,
}) => {
  const u = await createUser(request);
  await signInViaApi(page, "admin", ADMIN_PASSWORD);
  await page.goto("/users");
  await page.getByLabel("Search").fill(u.username);
  await page.getByTestId(`user-${u.username}`).getByRole("link", { name: "events" }).click();
  await expect(page).toHaveURL(new RegExp(`/audit\\?actor=${u.username}`));
  await expect(page.getByRole("form", { name: "Filter the audit log" }).getByLabel("Actor")).toHaveValue(u.username);
  await page.goto("/audit/tags?repository=nothing/here");
  await page.getByRole("button", { name: "Show history" }).click();
  await expect(page.getByTestId("tag-changes")).toBeVisible();
  await expect(page.getByText("No tagged pushes recorded for this repository.")).toBeVisible();
  expect(basic("a", "b")).toBeTruthy();
});

test("denied pushes to a repository in a time range: one filter, kept in the URL, back restores the last", async ({
  page,
  request,
  consoleErrors,
}) => {
  const { auditor, repo, ask } = await auditorAndPuller(request, "pay");
  expect((await ask(`repository:${repo}:pull,push`)).status()).toBe(200); // partial: push refused
  expect((await ask(`repository:${repo}:pull`)).status()).toBe(200); // granted

  await signInViaApi(page, auditor.username, auditor.password);
  await page.goto("/audit");
  const filter = page.getByRole("form", { name: "Filter the audit log" });
  await filter.getByLabel("Repository").fill(repo);
  await filter.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(new RegExp(`repository=${encodeURIComponent(repo).replace("%2F", "%2F")}`));
  await expect(page.getByRole("row").filter({ hasText: "token.issue" })).toHaveCount(2);

  const from = new Date(Date.now() - 3_600_000).toISOString().slice(0, 16);
  await filter.getByLabel("From (UTC)").fill(from);
  await filter.getByLabel("Operation", { exact: true }).selectOption("push");
  await filter.getByLabel("Outcome").selectOption("denied");
  await filter.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/operation=push/);
  await expect(page).toHaveURL(/outcome=denied/);
  const rows = page.getByRole("row").filter({ hasText: "token.issue" });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("partial");

  // The same view from its link, in a fresh page; and back returns to the repository alone.
  const link = page.url();
  await page.goBack();
  await expect(page.getByRole("row").filter({ hasText: "token.issue" })).toHaveCount(2);
  await expect(filter.getByLabel("Operation", { exact: true })).toHaveValue("");
  await page.goto(link);
  await expect(page.getByRole("row").filter({ hasText: "token.issue" })).toHaveCount(1);
  await expect(filter.getByLabel("Operation", { exact: true })).toHaveValue("push");
  expect(consoleErrors).toEqual([]);
});

test("the activity chart: axes, a tooltip for the hour under the pointer, and a dragged range filters the list", async ({
  page,
  request,
  consoleErrors,
}) => {
  const { auditor, dev, repo, ask } = await auditorAndPuller(request, "chart");
  expect((await ask(`repository:${repo}:pull,push`)).status()).toBe(200);
  expect((await ask(`repository:${repo}:pull`)).status()).toBe(200);

  await signInViaApi(page, auditor.username, auditor.password);
  await page.goto(`/audit?actor=${encodeURIComponent(dev.username)}`);
  const chart = page.getByTestId("activity-chart");
  await expect(chart).toContainText("denials: 1");
  // Value ticks and a time tick label (a whole hour) on the axes.
  await expect(chart.locator("svg text").first()).toHaveText("0");
  await expect(chart.locator("svg")).toContainText(/\d\d-\d\d \d\d:00/);

  // The pointer over the plot shows that hour's numbers.
  await chart.locator("svg").scrollIntoViewIfNeeded();
  const box = (await chart.locator("svg").boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
  await expect(page.getByTestId("chart-tooltip")).toContainText("pulls: 0");
  await expect(page.getByTestId("chart-tooltip")).toContainText("denials: 1");

  // A drag across the plot sets the filter's time range; the actor stays.
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.9, box.y + box.height * 0.5);
  await page.mouse.up();
  await expect(page).toHaveURL(/from=\d{4}-\d\d-\d\dT\d\d%3A00/);
  await expect(page).toHaveURL(/to=/);
  await expect(page).toHaveURL(new RegExp(`actor=${dev.username}`));
  await expect(page.getByRole("row").filter({ hasText: "token.issue" })).toHaveCount(2);

  // The keyboard does the same: focus, arrows, Enter.
  await page.goto(`/audit?actor=${encodeURIComponent(dev.username)}`);
  await page.getByRole("group", { name: /Activity per hour/ }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("chart-tooltip")).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/from=.*to=/);
  expect(consoleErrors).toEqual([]);
});

test("an auditor saves a filter as a view and comes back to it in one click", async ({
  page,
  request,
  consoleErrors,
}) => {
  const { auditor, repo, ask } = await auditorAndPuller(request, "view");
  expect((await ask(`repository:${repo}:pull,push`)).status()).toBe(200);
  await signInViaApi(page, auditor.username, auditor.password);
  await page.goto(`/audit?repository=${encodeURIComponent(repo)}&operation=push&outcome=denied`);
  const saved = page.getByTestId("saved-views");
  await expect(saved).toContainText("none yet");
  await saved.getByLabel("Name of this view").fill("denied pushes here");
  await saved.getByRole("button", { name: "Save view" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "View “denied pushes here” saved" })).toBeVisible();
  await expect(saved.getByRole("link", { name: "denied pushes here" })).toHaveAttribute("aria-current", "page");

  await page.goto("/audit");
  await saved.getByRole("link", { name: "denied pushes here" }).click();
  await expect(page).toHaveURL(/operation=push/);
  await expect(page.getByRole("form", { name: "Filter the audit log" }).getByLabel("Outcome")).toHaveValue("denied");
  await expect(page.getByRole("row").filter({ hasText: "token.issue" })).toHaveCount(1);

  // The same name again is refused with the reason, in a notification that stays.
  await saved.getByLabel("Name of this view").fill("denied pushes here");
  await saved.getByRole("button", { name: "Save view" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "already have a view named" })).toBeVisible();

  await saved.getByRole("button", { name: "Delete view denied pushes here" }).click();
  await expect(saved).toContainText("none yet");
  // The one failed request is the deliberate duplicate name (409, shown to the auditor).
  expect(consoleErrors).toEqual(["Failed to load resource: the server responded with a status of 409 (Conflict)"]);
});
