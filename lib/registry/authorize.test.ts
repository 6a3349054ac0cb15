import assert from "node:assert/strict";
import { test } from "node:test";
import { authorize, type GrantRule, type Principal } from "./authorize";
import { parseScope } from "./scope";

const rule = (
  repository: string,
  actions: string[],
  via: GrantRule["via"] = { type: "user", name: "alice" },
): GrantRule => ({
  id: `${repository}:${actions}`,
  repository,
  actions,
  via,
});
const user = (rules: GrantRule[], extra: Partial<Principal> = {}): Principal => ({
  kind: "user",
  name: "alice",
  admin: false,
  rules,
  ...extra,
});
const ask = (p: Principal, ...scopes: string[]) =>
  authorize(
    p,
    scopes.map((s) => parseScope(s)!),
  );

test("table: what is asked ∩ what is granted, per action", () => {
  const alice = user([
    rule("team/*", ["pull"], { type: "team", name: "devs" }),
    rule("team/app", ["push"]),
    rule("pub/*", ["*"]),
  ]);
  const cases: [string, string[]][] = [
    ["repository:team/app:pull,push", ["pull", "push"]],
    ["repository:team/other:pull,push", ["pull"]],
    ["repository:teamx/app:pull", []],
    ["repository:team/app:delete", []],
    ["repository:pub/x:pull,push,delete", ["pull", "push", "delete"]],
    ["repository:pub/x:*", ["*"]],
    ["repository:team/app:*", []],
    ["repository:team/app:frobnicate", []],
    ["registry:catalog:*", []],
    ["repository:Team/app:pull", []],
    ["repository:team/../pub/x:pull", []],
    ["somethingelse:team/app:pull", []],
  ];
  for (const [scope, want] of cases) assert.deepEqual(ask(alice, scope).access[0].actions, want, scope);
});

test("a denied scope is kept with empty actions, so the registry says `denied`", () => {
  const { access, decisions } = ask(user([]), "repository:team/app:push");
  assert.deepEqual(access, [{ type: "repository", name: "team/app", actions: [] }]);
  assert.equal(decisions[0].actions[0].reason, "no_grant");
});

test("admins may do everything, including the catalog", () => {
  const admin = user([], { admin: true });
  assert.deepEqual(ask(admin, "repository:any/thing:pull,push,delete").access[0].actions, ["pull", "push", "delete"]);
  assert.deepEqual(ask(admin, "registry:catalog:*").access[0].actions, ["*"]);
  assert.deepEqual(ask(admin, "repository:NOT/valid:pull").access[0].actions, []);
});

test("catalog for whoever may pull everything", () => {
  assert.deepEqual(ask(user([rule("*", ["pull"])]), "registry:catalog:*").access[0].actions, ["*"]);
  assert.deepEqual(ask(user([rule("team/*", ["pull"])]), "registry:catalog:*").access[0].actions, []);
});

test("a scoped token never exceeds its scopes nor its owner's grants", () => {
  const p = user([rule("team/*", ["pull", "push"])], {
    tokenScopes: [
      { repository: "team/app", actions: ["pull", "push"] },
      { repository: "other/*", actions: ["pull"] },
    ],
  });
  assert.deepEqual(ask(p, "repository:team/app:pull,push").access[0].actions, ["pull", "push"]);
  const narrowed = ask(p, "repository:team/web:pull");
  assert.deepEqual(narrowed.access[0].actions, []);
  assert.equal(narrowed.decisions[0].actions[0].reason, "token_scope");
  assert.deepEqual(ask(p, "repository:other/x:pull").access[0].actions, [], "scope alone grants nothing");
  const adminToken = user([], { admin: true, tokenScopes: [{ repository: "team/app", actions: ["pull"] }] });
  assert.deepEqual(ask(adminToken, "repository:team/app:pull,push").access[0].actions, ["pull"]);
  assert.deepEqual(ask(adminToken, "registry:catalog:*").access[0].actions, []);
});

test("traces name the rule that granted and the reason for each denial", () => {
  const r = rule("team/*", ["pull"], { type: "team", name: "devs" });
  const { decisions } = ask(user([r]), "repository:team/app:pull,push");
  assert.equal(decisions[0].actions[0].rule?.via.name, "devs");
  assert.equal(decisions[0].actions[1].reason, "no_grant");
});

test("a registry-bound grant counts only at its registry; one for every registry counts everywhere", () => {
  const eu = { ...rule("shop/*", ["pull", "push"]), registry: "eu" };
  const all = rule("shop/app", ["pull"]);
  const at = (service: string | undefined, scope: string) =>
    authorize(user([eu, all]), [parseScope(scope)!], service).access[0].actions;
  const cases: [string | undefined, string, string[]][] = [
    ["eu", "repository:shop/app:pull,push", ["pull", "push"]],
    ["us", "repository:shop/app:pull,push", ["pull"]],
    ["us", "repository:shop/api:pull", []],
    [undefined, "repository:shop/api:pull", []],
    ["eu", "repository:shop/api:*", []], // delete is granted nowhere
  ];
  for (const [service, scope, expected] of cases) assert.deepEqual(at(service, scope), expected, `${service} ${scope}`);
  const catalog = { ...rule("*", ["pull"]), registry: "eu" };
  assert.deepEqual(authorize(user([catalog]), [parseScope("registry:catalog:*")!], "eu").access[0].actions, ["*"]);
  assert.deepEqual(authorize(user([catalog]), [parseScope("registry:catalog:*")!], "us").access[0].actions, []);
  const trace = authorize(user([eu]), [parseScope("repository:shop/x:push")!], "us").decisions[0].actions[0];
  assert.equal(trace.reason, "no_grant");
});
