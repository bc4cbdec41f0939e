import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/** The domains: they may use the layers below them, never the other way round (docs/ARCHITECTURE.md). */
const DOMAINS = [
  "@/lib/links/*",
  "@/lib/orgs/*",
  "@/lib/regions/*",
  "@/lib/metrics/*",
  "@/lib/audit-log/*",
  "@/lib/webhooks/*",
  "@/lib/setup-kits/*",
  "@/lib/auth/*",
  "@/lib/api-keys/*",
  "@/lib/api/*",
  "@/lib/job-list",
];

const boundary = (groups, message) => ["error", { patterns: [{ group: groups, message }] }];

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", ".data/**", "dist/**", "lib/db/generated/**", "next-env.d.ts", "playwright-report/**", "test-results/**"] },
  {
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through lib/env.ts." }],
    },
  },
  {
    // A package of its own, publishable as it stands: it imports nothing of the app (its tsconfig
    // also refuses any file outside it) and reads its settings in one module.
    files: ["packages/sandbox-aws/**"],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through packages/sandbox-aws/src/config.ts." }],
      "no-restricted-imports": boundary(["@/*"], "The sandbox AWS imports nothing of the app."),
    },
  },
  {
    files: ["lib/env.ts", "packages/sandbox-aws/src/config.ts", "scripts/**", "tests/**", "*.config.*", "instrumentation.ts"],
    rules: { "no-restricted-properties": "off" },
  },
  {
    // Pages, route files and components reach data through lib's verbs and the API, never the database or AWS.
    files: ["app/**", "components/**"],
    rules: {
      "no-restricted-imports": boundary(
        [
          "@/lib/db/*",
          "@/lib/aws/*",
          "@aws-sdk/*",
          "@privatelink-portal/sandbox-aws",
          "@privatelink-portal/sandbox-aws/*",
          "@prisma/client",
          "@prisma/client/*",
          "@prisma/adapter-pg",
        ],
        "app/ and components/ never touch the database or AWS: call a verb (route handlers) or the API (components/api/client.ts).",
      ),
    },
  },
  {
    files: ["lib/db/**", "lib/aws/**"],
    rules: { "no-restricted-imports": boundary(DOMAINS, "lib/db and lib/aws know nothing of the domains that use them.") },
  },
  {
    files: ["lib/jobs/**"],
    rules: { "no-restricted-imports": boundary(DOMAINS, "lib/jobs knows no domain: each domain defines its jobs (defineJob) and lib/job-list.ts lists them.") },
  },
  {
    // The shared ground every domain stands on.
    files: [
      "lib/engine.ts",
      "lib/context.ts",
      "lib/audit.ts",
      "lib/pagination.ts",
      "lib/page-query.ts",
      "lib/validation.ts",
      "lib/errors.ts",
      "lib/logger.ts",
      "lib/env.ts",
    ],
    rules: { "no-restricted-imports": boundary(DOMAINS, "The shared modules import no domain; domains import them.") },
  },
];

export default config;
