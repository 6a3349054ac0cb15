/**
 * The registry's config.yml, as Portcullis hands it to operators (distribution 2.8 / 3.x):
 * sections to paste into an existing config, and a complete minimal one a newcomer can run.
 * JSON strings are valid YAML scalars, so every value is written with JSON.stringify.
 */
const q = (s: string) => JSON.stringify(s);

export function tokenAuthSection(opts: { realm: string; service: string; issuer: string; bundlePath: string }): string {
  return [
    "auth:",
    "  token:",
    `    realm: ${q(opts.realm)}`,
    `    service: ${q(opts.service)}`,
    `    issuer: ${q(opts.issuer)}`,
    `    rootcertbundle: ${q(opts.bundlePath)}`,
    "",
  ].join("\n");
}

export function htpasswdAuthSection(opts: { path: string; realm?: string }): string {
  return ["auth:", "  htpasswd:", `    realm: ${q(opts.realm ?? "Registry")}`, `    path: ${q(opts.path)}`, ""].join(
    "\n",
  );
}

/** The `http.headers` a browser needs to call the registry directly from the console's origin. */
export function corsHeaderLines(origin: string, indent = "  "): string[] {
  return [
    `${indent}headers:`,
    `${indent}  Access-Control-Allow-Origin: [${q(origin)}]`,
    `${indent}  Access-Control-Allow-Credentials: [true]`,
    `${indent}  Access-Control-Allow-Headers: ["Authorization", "Accept", "Cache-Control"]`,
    `${indent}  Access-Control-Allow-Methods: ["HEAD", "GET", "OPTIONS", "DELETE"]`,
    `${indent}  Access-Control-Expose-Headers: ["Docker-Content-Digest"]`,
  ];
}

export function corsHeadersSection(origin: string): string {
  return ["http:", ...corsHeaderLines(origin), ""].join("\n");
}

/** The registry posts its push/pull/delete events here; the header authenticates it. */
export function notificationsSection(opts: { url: string; secret: string }): string {
  return [
    "notifications:",
    "  endpoints:",
    "    - name: portcullis",
    `      url: ${q(opts.url)}`,
    "      headers:",
    `        Authorization: [${q(`Bearer ${opts.secret}`)}]`,
    "      timeout: 5s",
    "      threshold: 5",
    "      backoff: 10s",
    '      ignoredmediatypes: ["application/octet-stream"]',
    "",
  ].join("\n");
}

export interface FullConfigOptions {
  addr: string;
  storageDir: string;
  auth:
    | { mode: "token"; realm: string; service: string; issuer: string; bundlePath: string }
    | { mode: "htpasswd"; path: string };
  corsOrigin?: string;
  notifications?: { url: string; secret: string };
}

/** A complete config.yml: storage, deletes enabled (Portcullis's delete grant means something), http, auth, events. */
export function fullConfig(o: FullConfigOptions): string {
  const auth = o.auth.mode === "token" ? tokenAuthSection(o.auth) : htpasswdAuthSection({ path: o.auth.path });
  return [
    "version: 0.1",
    "log:",
    "  level: info",
    "storage:",
    "  filesystem:",
    `    rootdirectory: ${q(o.storageDir)}`,
    "  delete:",
    "    enabled: true",
    "http:",
    `  addr: ${q(o.addr)}`,
    ...(o.corsOrigin ? corsHeaderLines(o.corsOrigin) : []),
    auth.trimEnd(),
    ...(o.notifications ? [notificationsSection(o.notifications).trimEnd()] : []),
    "",
  ].join("\n");
}
