import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError, loadEnv } from "../../config/env";
import { normalizeGroup, roleFromGroups } from "../groups";
import { escapeFilterValue, fillFilter } from "./ldap";

test("table: filter values are escaped (RFC 4515), so a name can never widen the search", () => {
  const cases: [string, string][] = [
    ["ann", "(uid=ann)"],
    ["an*", "(uid=an\\2a)"],
    ["*", "(uid=\\2a)"],
    ["ann)(|(uid=*", "(uid=ann\\29\\28|\\28uid=\\2a)"],
    ["a\\b", "(uid=a\\5cb)"],
    ["a\u0000b", "(uid=a\\00b)"],
  ];
  for (const [name, want] of cases) assert.equal(fillFilter("(uid={username})", { username: name }), want, name);
  assert.equal(
    fillFilter("(|(member={dn})(memberUid={username}))", { dn: "uid=a*,ou=p", username: "a" }),
    "(|(member=uid=a\\2a,ou=p)(memberUid=a))",
  );
  assert.equal(escapeFilterValue("plain"), "plain");
});

test("table: DNs compare without case or spaces; the admin group wins over the auditor group", () => {
  assert.equal(normalizeGroup(" CN=Admins, OU=Groups ,DC=Example,DC=org "), "cn=admins,ou=groups,dc=example,dc=org");
  const cfg = { adminGroups: ["cn=Admins,ou=groups,dc=x"], auditorGroups: ["cn=audit,ou=groups,dc=x"] };
  const cases: [string[], string][] = [
    [[], "user"],
    [["cn=audit,ou=groups,dc=x"], "auditor"],
    [["cn=admins,ou=groups,dc=x"], "admin"],
    [["cn=audit,ou=groups,dc=x", "cn=admins,ou=groups,dc=x"], "admin"],
    [["cn=admins-not,ou=groups,dc=x"], "user"],
  ];
  for (const [groups, want] of cases) assert.equal(roleFromGroups(groups, cfg), want, groups.join(";"));
});

test("directory configuration: off by default, complete or refused at start", () => {
  assert.equal(loadEnv({}).ldap, null);
  const ok = loadEnv({
    PORTCULLIS_LDAP_URL: "ldaps://dc1.corp.example:636",
    PORTCULLIS_LDAP_USER_BASE: "ou=people,dc=corp",
    PORTCULLIS_LDAP_ADMIN_GROUPS: "cn=a,ou=g,dc=corp; cn=b,ou=g,dc=corp",
  }).ldap!;
  assert.deepEqual(ok.adminGroups, ["cn=a,ou=g,dc=corp", "cn=b,ou=g,dc=corp"]);
  assert.equal(ok.userFilter, "(uid={username})");
  assert.throws(
    () => loadEnv({ PORTCULLIS_LDAP_URL: "ldap://x" }),
    (e) => e instanceof ConfigError && /USER_BASE: required/.test(e.message),
  );
  assert.throws(
    () =>
      loadEnv({ PORTCULLIS_LDAP_URL: "ldap://x", PORTCULLIS_LDAP_USER_BASE: "dc=x", PORTCULLIS_LDAP_BIND_DN: "cn=x" }),
    /go together/,
  );
  assert.throws(() => loadEnv({ PORTCULLIS_LDAP_URL: "http://x" }), /ldap:\/\/host/);
  assert.throws(
    () =>
      loadEnv({
        PORTCULLIS_LDAP_URL: "ldap://x",
        PORTCULLIS_LDAP_USER_BASE: "dc=x",
        PORTCULLIS_LDAP_USER_FILTER: "(uid=ann)",
      }),
    /must contain \{username\}/,
  );
});
