// The console's Content-Security-Policy. Next.js's App Router inlines its hydration scripts, so
// scripts need 'unsafe-inline' (no nonce plumbing); never 'unsafe-eval' in production (next dev
// needs it for fast refresh). connect-src allows http(s) for direct-mode registry browsing.
const dev = process.env.NODE_ENV !== "production";
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' http: https:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Routes load on their first request instead of all at start: an idle server holds about
  // 90 MB less (measured with scripts/bench-token.ts's idle figure); a page's first visit pays once.
  experimental: { preloadEntriesOnStart: false },
  reactStrictMode: true,
  // Loaded from node_modules at run time, not bundled: wasm payloads and native bindings.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/schema-engine-wasm",
    "@node-rs/argon2",
    "pg",
  ],
  typedRoutes: false,
  // The build checks the application's types only: tests and scripts need dev dependencies that a
  // production install (npm ci --omit=dev) does not have; `npm run typecheck` checks them in CI.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Content-Security-Policy", value: csp },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
