// Accessibility, checked by axe-core on every main page for each kind of person (an admin sees
// the most; a plain user and an auditor their own versions), plus the pages one level down:
// no serious or critical violation of WCAG 2 A/AA, and a skip link to the content.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { NAV_ITEMS } from "../components/shell/nav-items";
import { ADMIN_PASSWORD, adminApi, createUser, expect, signInViaApi, test, unique } from "./fixtures";

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function checkPages(page: Page, paths: string[]) {
  const found: string[] = [];
  for (const path of paths) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    for (const v of await violations(page)) found.push(`${path}: ${v}`);
  }
  expect(found).toEqual([]);
}

test("axe: no serious or critical violations on any page, for an admin (light and dark), an auditor and a user", async ({
  page,
  browser,
  request,
}) => {
  // ~15 pages x 4 passes, each analysed by axe: minutes on a slow machine.
  test.setTimeout(600_000);
  // A team with a namespace, so the team pages have their full content.
  const team = unique("a11y");
  const user = await createUser(request, "user");
  const auditor = await createUser(request, "auditor");
  expect((await adminApi(request, "POST", "/api/v1/teams", { name: team })).status).toBe(201);
  expect((await adminApi(request, "POST", `/api/v1/teams/${team}/namespaces`, { pattern: `${team}/*` })).status).toBe(
    201,
  );
  expect(
    (await adminApi(request, "POST", `/api/v1/teams/${team}/members`, { username: user.username, role: "maintainer" }))
      .status,
  ).toBe(201);
  const pages = [...NAV_ITEMS.map((i) => i.href), "/audit/tags", "/device"];

  await signInViaApi(page, "admin", ADMIN_PASSWORD);
  await checkPages(page, pages);
  const firstEvent = (await adminApi(request, "GET", "/api/v1/audit-events?limit=1")).body.events[0].id as string;
  await checkPages(page, [`/audit/${firstEvent}`]);

  // The dark theme (the system's preference) meets the same bar, contrast included.
  const dark = await browser.newContext({ colorScheme: "dark" });
  const darkPage = await dark.newPage();
  await signInViaApi(darkPage, "admin", ADMIN_PASSWORD);
  await checkPages(darkPage, pages);
  await dark.close();

  for (const who of [auditor, user]) {
    const context = await browser.newContext();
    const other = await context.newPage();
    await signInViaApi(other, who.username, who.password);
    await checkPages(other, pages);
    await context.close();
  }
});

test("a skip link leads past the navigation to the page's content", async ({ page }) => {
  await signInViaApi(page, "admin", ADMIN_PASSWORD);
  await page.goto("/tokens");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await skip.press("Enter");
  await expect(page.locator("main")).toBeFocused();
});
