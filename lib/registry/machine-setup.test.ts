import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";
import { isLoopbackHost, machineSetup, type SetupFacts } from "./machine-setup";

const facts = (over: Partial<SetupFacts>): SetupFacts => ({
  host: "registry.corp:5000",
  plainHttp: false,
  consoleUrl: "https://portcullis.corp",
  username: "alice",
  robot: "deploy-bot",
  ...over,
});
const ids = (f: SetupFacts) => machineSetup(f).flatMap((s) => s.snippets.map((x) => x.id));
const snippet = (f: SetupFacts, id: string) =>
  machineSetup(f)
    .flatMap((s) => s.snippets)
    .find((x) => x.id === id)!;

test("table: what each registry needs, and nothing it does not", () => {
  const cases: [string, Partial<SetupFacts>, string[], string[]][] = [
    [
      "plain http on the network",
      { plainHttp: true },
      ["docker-insecure", "podman-insecure", "k8s-containerd"],
      ["docker-ca", "podman-ca"],
    ],
    ["plain http on loopback", { plainHttp: true, host: "127.0.0.1:5000" }, ["podman-insecure"], ["docker-insecure"]],
    [
      "https, private CA registered",
      { caUrl: "https://portcullis.corp/api/v1/registries/main/ca.crt" },
      ["docker-ca", "podman-ca"],
      ["docker-insecure", "podman-insecure", "k8s-containerd"],
    ],
    ["https, public CA", {}, ["docker-login", "github", "jenkins", "proxy-urls"], ["docker-ca", "docker-insecure"]],
  ];
  for (const [what, over, present, absent] of cases) {
    const got = ids(facts(over));
    for (const id of present) assert.ok(got.includes(id), `${what}: ${id}`);
    for (const id of absent) assert.ok(!got.includes(id), `${what}: no ${id}`);
  }
});

test("the credential helper's snippets: download, login (plain http named where docker would refuse it), credHelpers", () => {
  const f = facts({});
  assert.equal(
    snippet(f, "helper-install").text,
    "sudo curl -fsSL https://portcullis.corp/api/v1/downloads/docker-credential-portcullis-linux-x64 -o /usr/local/bin/docker-credential-portcullis\nsudo chmod +x /usr/local/bin/docker-credential-portcullis",
  );
  assert.equal(snippet(f, "helper-login").text, "docker-credential-portcullis login registry.corp:5000");
  assert.equal(
    snippet(facts({ plainHttp: true }), "helper-login").text,
    "docker-credential-portcullis login registry.corp:5000 --plain-http",
  );
  assert.equal(
    snippet(facts({ plainHttp: true, host: "127.0.0.1:5000" }), "helper-login").text,
    "docker-credential-portcullis login 127.0.0.1:5000",
  );
  for (const id of ["helper-docker", "helper-podman"])
    assert.deepEqual(JSON.parse(snippet(f, id).text), { credHelpers: { "registry.corp:5000": "portcullis" } });
});

test("people who sign in with single sign-on are told to give docker login a token, never their password", () => {
  assert.match(snippet(facts({}), "docker-login").note!, /your password works too/);
  for (const id of ["docker-login", "podman-login"]) {
    const note = snippet(facts({ passwordLogin: false }), id).note!;
    assert.match(note, /single sign-on, so give an access token/);
    assert.doesNotMatch(note, /your password works/);
  }
});

test("snippets carry the real host, user, robot, CA address and token realm", () => {
  const f = facts({ plainHttp: true, caUrl: undefined });
  assert.equal(snippet(f, "docker-login").text, "docker login registry.corp:5000 -u alice");
  assert.deepEqual(JSON.parse(snippet(f, "docker-insecure").text), { "insecure-registries": ["registry.corp:5000"] });
  assert.match(snippet(f, "podman-insecure").text, /location = "registry.corp:5000"\ninsecure = true/);
  assert.match(snippet(f, "k8s-kubectl").text, /--docker-username=deploy-bot/);
  assert.match(snippet(f, "github").text, /username: deploy-bot/);
  assert.equal(
    snippet(f, "proxy-urls").text,
    "http://registry.corp:5000/v2/\nhttps://portcullis.corp/api/registry/token",
  );
  assert.match(snippet(f, "proxy-dockerd").text, /NO_PROXY=localhost,127.0.0.1,registry.corp,portcullis.corp"/);
  const ca = facts({ caUrl: "https://portcullis.corp/api/v1/registries/main/ca.crt" });
  assert.equal(
    snippet(ca, "docker-ca").text,
    "sudo mkdir -p /etc/docker/certs.d/registry.corp:5000\nsudo curl -fsSL https://portcullis.corp/api/v1/registries/main/ca.crt -o /etc/docker/certs.d/registry.corp:5000/ca.crt",
  );
});

test("the commands that build credentials really produce what docker and Kubernetes read", () => {
  const f = facts({});
  const env = { PATH: "/usr/bin:/bin", PORTCULLIS_TOKEN: "pct_secret" } as unknown as NodeJS.ProcessEnv;
  const command = (note: string) => note.slice(note.indexOf(": ") + 2);
  const k8s = execFileSync("bash", ["-c", command(snippet(f, "k8s-manifest").note!)], { env }).toString();
  const config = JSON.parse(Buffer.from(k8s, "base64").toString());
  assert.equal(Buffer.from(config.auths["registry.corp:5000"].auth, "base64").toString(), "deploy-bot:pct_secret");
  const auth = execFileSync("bash", ["-c", command(snippet(f, "podman-authjson").note!)], { env }).toString();
  assert.equal(Buffer.from(auth, "base64").toString(), "alice:pct_secret");
});

test("table: loopback hosts", () => {
  const cases: [string, boolean][] = [
    ["127.0.0.1:5000", true],
    ["localhost:5000", true],
    ["localhost", true],
    ["[::1]:5000", true],
    ["127.10.0.3", true],
    ["10.0.0.1:5000", false],
    ["registry.corp", false],
    ["localhost.evil.com", false],
  ];
  for (const [host, want] of cases) assert.equal(isLoopbackHost(host), want, host);
});
