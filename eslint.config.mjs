import next from "eslint-config-next";

const DATA_ACCESS = {
  group: ["**/db/client", "@/lib/db/client", "**/db/generated/**", "@prisma/client", "pg"],
  importNames: ["db", "sql", "PrismaClient", "Pool", "Client"],
  message: "data access lives in lib/db: call a named function there (transaction() and the Tx type are fine)",
};
const NO_HTTP = {
  group: ["**/http/*", "@/lib/http/*"],
  message: "services take a Caller and an AuditActor, never a request",
};

const config = [
  ...next,
  {
    ignores: [
      "lib/db/generated/**",
      ".next/**",
      "node_modules/**",
      "data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    // Configuration is read and validated in one place (lib/config/env.ts): nowhere else in the app.
    files: ["app/**", "components/**", "lib/**", "server.ts"],
    ignores: ["lib/config/**"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "read configuration through lib/config/env.ts" },
      ],
    },
  },
  {
    // Data access in one place: only lib/db holds the Prisma client and plain SQL.
    files: ["app/**", "components/**", "lib/**", "server.ts"],
    ignores: ["lib/db/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [DATA_ACCESS] }] },
  },
  {
    // Services and the domain do not know HTTP: the route wrapper hands them a caller and an actor.
    files: ["lib/services/**", "lib/registry/**", "lib/db/**", "lib/audit/**"],
    ignores: [],
    rules: {
      "no-restricted-imports": ["error", { patterns: [NO_HTTP] }],
    },
  },
  {
    files: ["lib/services/**", "lib/registry/**", "lib/audit/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [NO_HTTP, DATA_ACCESS] }] },
  },
];

export default config;
