/**
 * "Set up my machine": the exact configuration each client needs for one registry, filled in with
 * its real host, whether it speaks plain http, where its CA certificate can be downloaded, and the
 * console's token realm. Pure: facts in, snippets out (the console renders them with copy buttons).
 */
export interface SetupFacts {
  /** host[:port], exactly as it appears in image names. */
  host: string;
  /** The registry is served over plain http. */
  plainHttp: boolean;
  /** Where its CA certificate is served, when an administrator registered one (private or self-signed CA). */
  caUrl?: string;
  /** The console's own address: clients fetch their tokens from it. */
  consoleUrl: string;
  username: string;
  /** false when the person's password cannot be used at docker login (single sign-on). */
  passwordLogin?: boolean;
  /** The service account a cluster or CI pipeline signs in as. */
  robot: string;
}

export interface Snippet {
  id: string;
  title: string;
  /** Where it goes, for configuration files. */
  file?: string;
  text: string;
  note?: string;
}

export interface SetupSection {
  id: "helper" | "docker" | "podman" | "kubernetes" | "ci" | "proxies";
  title: string;
  snippets: Snippet[];
}

/** Whether the registry host is on the loopback interface (docker and podman allow plain http there). */
export function isLoopbackHost(host: string): boolean {
  const name = host.replace(/:\d+$/, "").replace(/^\[|\]$/g, "");
  return name === "localhost" || name === "::1" || /^127\.\d+\.\d+\.\d+$/.test(name);
}

/** What to give docker login as the password: SSO people have none Portcullis could check. */
const tokenHint = (f: Pick<SetupFacts, "passwordLogin">) =>
  f.passwordLogin === false
    ? "You sign in with single sign-on, so give an access token from Tokens as the password (or use docker-credential-portcullis above)."
    : "Use an access token from Tokens as the password (your password works too, but a token can be scoped and revoked).";

/** The CI systems' login steps: a token kept in the CI system's secrets, never in the repository. */
export function ciSnippets(host: string, username: string): Snippet[] {
  return [
    {
      id: "github",
      title: "GitHub Actions",
      file: ".github/workflows/*.yml",
      text: `- uses: docker/login-action@v3
  with:
    registry: ${host}
    username: ${username}
    password: \${{ secrets.PORTCULLIS_TOKEN }}`,
    },
    {
      id: "gitlab",
      title: "GitLab CI",
      file: ".gitlab-ci.yml",
      text: `build:
  script:
    - echo "$PORTCULLIS_TOKEN" | docker login ${host} -u ${username} --password-stdin`,
    },
    {
      id: "jenkins",
      title: "Jenkins (Pipeline)",
      file: "Jenkinsfile",
      text: `withCredentials([usernamePassword(credentialsId: 'portcullis', usernameVariable: 'REG_USER', passwordVariable: 'REG_TOKEN')]) {
  sh 'echo "$REG_TOKEN" | docker login ${host} -u "$REG_USER" --password-stdin'
}`,
      note: `Store the credentials in Jenkins as "Username with password" (id portcullis): ${username} and the token.`,
    },
    {
      id: "shell",
      title: "Any shell",
      text: `echo "$PORTCULLIS_TOKEN" | docker login ${host} -u ${username} --password-stdin`,
      note: "--password-stdin keeps the token out of the process list and the shell history.",
    },
  ];
}

/** The credential helper's downloads (lib/services/downloads.ts names the files). */
export const HELPER_EXECUTABLE = "docker-credential-portcullis-linux-x64";
export const HELPER_SCRIPT = "docker-credential-portcullis.cjs";

/**
 * docker-credential-portcullis: install, sign the machine in by approving a code in the console,
 * and let docker and podman/skopeo ask it. No password and no token in their configuration.
 */
export function credentialHelperSnippets(f: Pick<SetupFacts, "host" | "plainHttp" | "consoleUrl">): Snippet[] {
  const downloads = `${f.consoleUrl.replace(/\/$/, "")}/api/v1/downloads`;
  const helpers = JSON.stringify({ credHelpers: { [f.host]: "portcullis" } }, null, 2);
  return [
    {
      id: "helper-install",
      title: "Install the helper",
      text: `sudo curl -fsSL ${downloads}/${HELPER_EXECUTABLE} -o /usr/local/bin/docker-credential-portcullis
sudo chmod +x /usr/local/bin/docker-credential-portcullis`,
      note: `Linux x86-64. Elsewhere, with Node.js 20 or later: the same with ${downloads}/${HELPER_SCRIPT}.`,
    },
    {
      id: "helper-login",
      title: "Sign this machine in",
      text: `docker-credential-portcullis login ${f.host}${f.plainHttp && !isLoopbackHost(f.host) ? " --plain-http" : ""}`,
      note: "It shows a code: approve it here in the console (a browser opens when one is available), choosing what the machine may do and for how long. Revoke it any time under Tokens.",
    },
    {
      id: "helper-docker",
      title: "Docker: ask the helper",
      file: "~/.docker/config.json",
      text: helpers,
      note: "Merge into the existing file. docker pull and push then need no docker login; config.json holds no secret.",
    },
    {
      id: "helper-podman",
      title: "Podman, Buildah, Skopeo: ask the helper",
      file: "${XDG_RUNTIME_DIR}/containers/auth.json",
      text: helpers,
      note: "Or ~/.config/containers/auth.json to keep it across reboots.",
    },
  ];
}

function dockerSnippets(f: SetupFacts): Snippet[] {
  const out: Snippet[] = [
    {
      id: "docker-login",
      title: "Sign in",
      text: `docker login ${f.host} -u ${f.username}`,
      note: tokenHint(f),
    },
  ];
  if (f.plainHttp && !isLoopbackHost(f.host))
    out.push({
      id: "docker-insecure",
      title: "Allow plain http for this registry",
      file: "/etc/docker/daemon.json",
      text: JSON.stringify({ "insecure-registries": [f.host] }, null, 2),
      note: "Merge into the existing file, then: sudo systemctl restart docker. Without it docker answers “server gave HTTP response to HTTPS client”.",
    });
  if (f.caUrl) {
    const dir = `/etc/docker/certs.d/${f.host}`;
    out.push({
      id: "docker-ca",
      title: "Trust the registry's certificate authority",
      file: `${dir}/ca.crt`,
      text: `sudo mkdir -p ${dir}\nsudo curl -fsSL ${f.caUrl} -o ${dir}/ca.crt`,
      note: "Without it docker answers “x509: certificate signed by unknown authority”. No restart needed.",
    });
  }
  return out;
}

function podmanSnippets(f: SetupFacts): Snippet[] {
  const out: Snippet[] = [
    {
      id: "podman-login",
      title: "Sign in (podman, buildah and skopeo share it)",
      text: `podman login ${f.host} -u ${f.username}`,
      note: `${tokenHint(f)} The login is kept in $XDG_RUNTIME_DIR/containers/auth.json.`,
    },
    {
      id: "podman-authjson",
      title: "Or write auth.json yourself (scripts)",
      file: "${XDG_RUNTIME_DIR}/containers/auth.json",
      text: `{
  "auths": {
    "${f.host}": { "auth": "<base64 of ${f.username}:TOKEN>" }
  }
}`,
      note: `Make the value with: printf '%s:%s' ${f.username} "$PORTCULLIS_TOKEN" | base64 -w0`,
    },
  ];
  if (f.plainHttp)
    out.push({
      id: "podman-insecure",
      title: "Allow plain http for this registry",
      file: "/etc/containers/registries.conf.d/portcullis.conf",
      text: `[[registry]]\nlocation = "${f.host}"\ninsecure = true`,
      note: "Or pass --tls-verify=false to each command.",
    });
  if (f.caUrl) {
    const dir = `/etc/containers/certs.d/${f.host}`;
    out.push({
      id: "podman-ca",
      title: "Trust the registry's certificate authority",
      file: `${dir}/ca.crt`,
      text: `sudo mkdir -p ${dir}\nsudo curl -fsSL ${f.caUrl} -o ${dir}/ca.crt`,
    });
  }
  return out;
}

function kubernetesSnippets(f: SetupFacts): Snippet[] {
  const secret = `portcullis-${f.robot}`;
  const out: Snippet[] = [
    {
      id: "k8s-kubectl",
      title: "Create the pull secret",
      text: `kubectl create secret docker-registry ${secret} \\
  --docker-server=${f.host} \\
  --docker-username=${f.robot} \\
  --docker-password="$PORTCULLIS_TOKEN"`,
      note: `A token of the service account ${f.robot} with pull only (Tokens, or Users → Service accounts).`,
    },
    {
      id: "k8s-manifest",
      title: "Or as a manifest (GitOps)",
      file: `${secret}.yaml`,
      text: `apiVersion: v1
kind: Secret
metadata:
  name: ${secret}
type: kubernetes.io/dockerconfigjson
data:
  .dockerconfigjson: <see below>
---
# in each Pod (or the namespace's ServiceAccount):
spec:
  imagePullSecrets:
    - name: ${secret}`,
      note: `The value: printf '{"auths":{"${f.host}":{"auth":"%s"}}}' "$(printf '%s:%s' ${f.robot} "$PORTCULLIS_TOKEN" | base64 -w0)" | base64 -w0`,
    },
  ];
  if (f.plainHttp)
    out.push({
      id: "k8s-containerd",
      title: "Nodes: let containerd use plain http",
      file: `/etc/containerd/certs.d/${f.host}/hosts.toml`,
      text: `server = "http://${f.host}"\n\n[host."http://${f.host}"]\n  capabilities = ["pull", "resolve"]`,
      note: 'Needs config_path = "/etc/containerd/certs.d" in containerd\'s registry configuration.',
    });
  return out;
}

function proxySnippets(f: SetupFacts): Snippet[] {
  const registryUrl = `${f.plainHttp ? "http" : "https"}://${f.host}/v2/`;
  const consoleHost = new URL(f.consoleUrl).host;
  return [
    {
      id: "proxy-urls",
      title: "What must be reachable from the client",
      text: `${registryUrl}\n${f.consoleUrl.replace(/\/$/, "")}/api/registry/token`,
      note: "The client fetches its token from Portcullis itself (the registry only tells it where): both addresses must pass the proxy, or bypass it.",
    },
    {
      id: "proxy-dockerd",
      title: "Docker behind a corporate proxy",
      file: "/etc/systemd/system/docker.service.d/http-proxy.conf",
      text: `[Service]
Environment="HTTPS_PROXY=http://proxy.example.com:3128"
Environment="NO_PROXY=localhost,127.0.0.1,${f.host.replace(/:\d+$/, "")},${consoleHost.replace(/:\d+$/, "")}"`,
      note: "The daemon, not the CLI, talks to the registry: then sudo systemctl daemon-reload && sudo systemctl restart docker.",
    },
  ];
}

export function machineSetup(f: SetupFacts): SetupSection[] {
  return [
    {
      id: "helper",
      title: "Sign in without a password (docker-credential-portcullis)",
      snippets: credentialHelperSnippets(f),
    },
    { id: "docker", title: "Docker", snippets: dockerSnippets(f) },
    { id: "podman", title: "Podman, Buildah, Skopeo", snippets: podmanSnippets(f) },
    { id: "kubernetes", title: "Kubernetes", snippets: kubernetesSnippets(f) },
    { id: "ci", title: "CI", snippets: ciSnippets(f.host, f.robot) },
    { id: "proxies", title: "Proxies", snippets: proxySnippets(f) },
  ];
}
