import next from "eslint-config-next";

const config = [
  ...next,
  { ignores: ["lib/db/generated/**", ".next/**", "node_modules/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  {
    // Configuration is read and validated in one place (lib/config/env.ts): nowhere else in the app.
    files: ["app/**", "components/**", "lib/**", "server.ts"],
    ignores: ["lib/config/**"],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "read configuration through lib/config/env.ts" }],
    },
  },
  {
    // Services and the domain do not know HTTP: the route wrapper hands them a caller and an actor.
    files: ["lib/services/**", "lib/registry/**", "lib/db/**", "lib/audit/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/http/*", "@/lib/http/*"], message: "services take a Caller and an AuditActor, never a request" }] }],
    },
  },
];

export default config;
