import { isMap, isSeq, LineCounter, parseDocument, stringify, type Node } from "yaml";
import { z } from "zod";
import { AppError } from "../errors";
import { accountName, actionList, expiryTime, repositoryPattern, role, teamName } from "../validation/common";
import { registryFields } from "../validation/registry";
import { settingsView } from "../validation/settings";

/**
 * The access configuration as one readable YAML document (`portcullis export` / `apply`): users
 * (no secrets), teams and their members, service accounts, grants, registries and the token /
 * lockout / retention policy. Pure: text in, a checked document or errors with their lines out;
 * a document in, canonical text out (sorted, no ids, no timestamps, so export ∘ apply is identity).
 */
export const SUBJECT_RE = /^(user|team|service-account):[a-z0-9][a-z0-9._-]*$|^public$/;

const optionalText = (max: number) => z.string().trim().min(1).max(max).optional();

export const accessDocument = z
  .object({
    version: z.literal(1, "version: 1 (the only version there is)"),
    settings: settingsView.strict().partial().optional(),
    registries: z
      .array(
        z
          .object({
            name: registryFields.name,
            url: registryFields.url,
            service: registryFields.service,
            kind: registryFields.kind.default("distribution"),
            authMode: registryFields.authMode.default("token"),
            browseMode: registryFields.browseMode.default("server"),
            allowPrivateNetwork: registryFields.allowPrivateNetwork.default(false),
            caCertificate: registryFields.caCertificate.unwrap().optional(),
          })
          .strict(),
      )
      .default([]),
    users: z
      .array(
        z
          .object({
            username: accountName,
            role: role.default("user"),
            email: z.email("not an email address").max(254).optional(),
            displayName: optionalText(100),
            disabled: z.boolean().default(false),
          })
          .strict(),
      )
      .default([]),
    teams: z
      .array(
        z
          .object({
            name: teamName,
            description: optionalText(500),
            members: z.array(accountName).default([]),
            /** Members who run the team's namespaces (lib/auth/delegation.ts); not listed again in members. */
            maintainers: z.array(accountName).default([]),
            /** Repository namespaces the team owns, each on one registry or (no registry) on all. */
            namespaces: z
              .array(z.object({ pattern: repositoryPattern, registry: registryFields.name.optional() }).strict())
              .default([]),
          })
          .strict(),
      )
      .default([]),
    serviceAccounts: z
      .array(
        z
          .object({
            name: accountName,
            description: optionalText(500),
            team: teamName.optional(),
            disabled: z.boolean().default(false),
          })
          .strict(),
      )
      .default([]),
    grants: z
      .array(
        z
          .object({
            subject: z
              .string()
              .regex(SUBJECT_RE, 'a subject: "user:NAME", "team:NAME", "service-account:NAME" or "public"'),
            repository: repositoryPattern,
            actions: actionList,
            expiresAt: expiryTime.optional(),
            /** The one registry (by name) the grant applies to; absent: every registry. */
            registry: registryFields.name.optional(),
          })
          .strict()
          .refine((g) => g.subject !== "public" || g.actions.every((a) => a === "pull"), {
            message: "public access is pull only",
            path: ["actions"],
          }),
      )
      .default([]),
  })
  .strict();

export type AccessDocument = z.output<typeof accessDocument>;

/** One problem with a document, located: the line (1-based) and the path of keys and indexes. */
export interface DocumentProblem {
  line: number | null;
  path: string;
  message: string;
}

export class DocumentError extends AppError {
  constructor(readonly problems: DocumentProblem[]) {
    super(
      "validation_failed",
      problems
        .slice(0, 20)
        .map((p) => `${p.line ? `line ${p.line}` : "document"}${p.path ? ` (${p.path})` : ""}: ${p.message}`)
        .join("\n"),
      problems,
    );
  }
}

/** A parsed document that can tell the line of any path in it. */
export interface ReadDocument {
  document: AccessDocument;
  lineOf(path: readonly (string | number)[]): number | null;
}

/** users[1].colour */
export const describePath = (path: readonly PropertyKey[]) =>
  path
    .map((k) => (typeof k === "number" ? `[${k}]` : `.${String(k)}`))
    .join("")
    .replace(/^\./, "");

export function readAccessDocument(text: string): ReadDocument {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length)
    throw new DocumentError(
      doc.errors.map((e) => ({ line: lines.linePos(e.pos[0]).line, path: "", message: e.message.split("\n")[0] })),
    );
  const lineOf = (path: readonly (string | number)[]): number | null => {
    // The deepest node the path reaches (an unknown key points at its map's key).
    let node: unknown = doc.contents;
    let last: Node | null = (doc.contents as Node | null) ?? null;
    for (const k of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === k);
        if (!pair) break;
        last = (pair.key as Node) ?? last;
        node = pair.value;
      } else if (isSeq(node) && typeof k === "number") {
        node = node.items[k];
      } else break;
      if (node && (node as Node).range) last = node as Node;
    }
    return last?.range ? lines.linePos(last.range[0]).line : null;
  };
  const parsed = accessDocument.safeParse(doc.toJS());
  if (!parsed.success)
    throw new DocumentError(
      parsed.error.issues.map((i) => {
        const path = i.path.filter((k): k is string | number => typeof k !== "symbol");
        const unknown = i.code === "unrecognized_keys" ? i.keys : [];
        return {
          line: lineOf(unknown.length ? [...path, unknown[0]] : path),
          path: describePath(unknown.length ? [...path, unknown[0]] : path),
          message: unknown.length ? `unknown key${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}` : i.message,
        };
      }),
    );
  return { document: parsed.data, lineOf };
}

const HEADER = `# Portcullis access configuration: users (no secrets), teams, service accounts, grants,
# registries and policy. Apply with: portcullis apply -f <this file> [--dry-run] [--prune]
`;

/** The canonical text of a document: sorted, defaults written out, optional values only when set. */
export function writeAccessDocument(d: AccessDocument): string {
  const by =
    <T>(key: (t: T) => string) =>
    (a: T, b: T) =>
      key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
  const clean = <T extends object>(o: T) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;
  const canonical = {
    version: 1,
    ...(d.settings ? { settings: Object.fromEntries(Object.entries(d.settings).sort()) } : {}),
    registries: [...d.registries].sort(by((r) => r.name)).map(clean),
    users: [...d.users].sort(by((u) => u.username)).map(clean),
    teams: [...d.teams].sort(by((t) => t.name)).map((t) =>
      clean({
        ...t,
        members: [...t.members].sort(),
        maintainers: [...t.maintainers].sort(),
        namespaces: [...t.namespaces].sort(by((n) => `${n.pattern}\0${n.registry ?? ""}`)).map(clean),
      }),
    ),
    serviceAccounts: [...d.serviceAccounts].sort(by((a) => a.name)).map(clean),
    grants: [...d.grants]
      .sort(
        by(
          (g) =>
            `${g.subject}\0${g.repository}\0${g.actions.join(",")}\0${g.expiresAt?.toISOString() ?? ""}\0${g.registry ?? ""}`,
        ),
      )
      .map((g) => clean({ ...g, expiresAt: g.expiresAt?.toISOString() })),
  };
  return HEADER + stringify(canonical, { lineWidth: 0 });
}
