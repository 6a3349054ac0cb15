import { NAV_ITEMS } from "../components/shell/nav-items";
import type { TestRegistry } from "../tests/helpers/registry";
import type { Response as PlaywrightResponse } from "@playwright/test";
import { ADMIN_PASSWORD, adminApi, createUser, expect, signInViaApi, startConsoleRegistry, test } from "./fixtures";

// The default registry running, so every page (Browse included) shows its working state.
let registry: TestRegistry;
test.beforeAll(async ({ request }) => {
  registry = await startConsoleRegistry(request);
  expect(
    (await adminApi(request, "PATCH", "/api/v1/registries/default", { url: registry.url, allowPrivateNetwork: true }))
      .status,
  ).toBe(200);
});
test.afterAll(async ({ request }) => {
  await registry?.stop();
  await adminApi(request, "PATCH", "/api/v1/registries/default", { url: "http://127.0.0.1:5000" });
});

test("every main page renders for an admin without console errors", async ({ page, consoleErrors }, info) => {
  await signInViaApi(page, "admin", ADMIN_PASSWORD);
  for (const p of NAV_ITEMS) {
    await page.goto(p.href);
    // Page headings start with the navigation label ("Tokens" → "Access tokens" aside).
    await expect(
      page.getByRole("heading", { level: 1, name: p.label === "Tokens" ? "Access tokens" : p.label }),
    ).toBeVisible();
    await expect(page.getByRole("heading", { name: "Not available to your role" })).toHaveCount(0);
    await page.waitForLoadState("networkidle");
    await page.screenshot({
      path: info.outputPath(`page${p.href === "/" ? "-overview" : p.href.replace("/", "-")}.png`),
      fullPage: true,
    });
  }
  await page.goto("/audit");
  await expect(page.getByRole("cell", { name: "session.sign_in" }).first()).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test("a plain user sees no admin data", async ({ page, request }) => {
  const u = await createUser(request);
  await signInViaApi(page, u.username, u.password);
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const label of ["Users", "Access", "Audit log"])
    await expect(nav.getByRole("link", { name: label, exact: true })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Browse" })).toBeVisible();
  for (const path of ["/users", "/access", "/audit"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "Not available to your role" })).toBeVisible();
  }
  // Teams shows only the person's own teams: none yet, and no one else's.
  await page.goto("/teams");
  await expect(page.getByTestId("no-teams")).toBeVisible();
});

const SCREENS = [
  { name: "desktop", viewport: { width: 1280, height: 900 } },
  { name: "mobile", viewport: { width: 390, height: 844 } },
] as const;

test("every page at desktop and phone width, in both themes: no overflow, no console errors, a screenshot each", async ({
  browser,
}, info) => {
  test.setTimeout(420_000);
  for (const screen of SCREENS)
    for (const colorScheme of ["light", "dark"] as const) {
      const context = await browser.newContext({ viewport: screen.viewport, colorScheme });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(`${page.url()}: ${m.text()}`);
      });
      await signInViaApi(page, "admin", ADMIN_PASSWORD);
      const overflow: string[] = [];
      for (const p of NAV_ITEMS) {
        await page.goto(p.href);
        await page.waitForLoadState("networkidle");
        const wide = await page.evaluate(() => {
          const extra = document.documentElement.scrollWidth - window.innerWidth;
          if (extra <= 0) return null;
          // The innermost elements reaching past the screen's edge (outside any horizontal scroller): what to fix.
          const past = [...document.querySelectorAll("body *")].filter((el) => {
            if (el.getBoundingClientRect().right <= window.innerWidth + 0.5) return false;
            for (let a = el.parentElement; a && a !== document.body; a = a.parentElement)
              if (getComputedStyle(a).overflowX === "auto" || getComputedStyle(a).overflowX === "scroll") return false;
            return true;
          });
          const innermost = past.filter((el) => !past.some((o) => o !== el && el.contains(o)));
          return { extra, at: innermost.slice(0, 3).map((el) => `${el.tagName.toLowerCase()}.${el.className}`) };
        });
        if (wide)
          overflow.push(
            `${screen.name} ${colorScheme} ${p.href}: ${wide.extra}px wider than the screen at ${wide.at.join(", ")}`,
          );
        await page.screenshot({
          path: info.outputPath(
            `${screen.name}-${colorScheme}${p.href === "/" ? "-overview" : p.href.replace("/", "-")}.png`,
          ),
          fullPage: true,
        });
      }
      expect(overflow).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }
});

// What scripts/js-budget.ts computes from the build, measured where it matters: the bytes of
// JavaScript a browser receives until the load event, on a cold cache, for every main page.
test("every page's first-load JavaScript arrives brotli-compressed and under 150 kB", async ({ browser }, info) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Every page on a cold cache: nothing carried over from the page before.
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await signInViaApi(page, "admin", ADMIN_PASSWORD);
  for (const p of NAV_ITEMS) {
    const scripts: Promise<{ url: string; encoding?: string; bytes: number }>[] = [];
    const onResponse = (r: PlaywrightResponse) => {
      if (r.request().resourceType() !== "script") return;
      scripts.push(
        r
          .request()
          .sizes()
          .then(async (s) => ({
            url: r.url(),
            encoding: await r.headerValue("content-encoding").then((v) => v ?? undefined),
            bytes: s.responseBodySize,
          })),
      );
    };
    page.on("response", onResponse);
    await page.goto(p.href, { waitUntil: "load" });
    page.off("response", onResponse);
    const got = await Promise.all(scripts);
    expect(got.length, p.href).toBeGreaterThan(3);
    expect(
      got.filter((s) => s.encoding !== "br").map((s) => s.url),
      p.href,
    ).toEqual([]);
    // Each one came over the wire (a cached script would count 0 bytes).
    expect(
      got.filter((s) => s.bytes <= 0).map((s) => s.url),
      p.href,
    ).toEqual([]);
    const kB = got.reduce((n, s) => n + s.bytes, 0) / 1000;
    info.annotations.push({ type: "first-load JS", description: `${p.href}: ${kB} kB in ${got.length} scripts` });
    console.log(`first-load JS ${p.href}: ${kB} kB in ${got.length} scripts (brotli)`);
    expect(kB, `${p.href}: ${kB} kB`).toBeLessThan(150);
  }
  await context.close();
});
