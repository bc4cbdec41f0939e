import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/**
 * lib/, lowest first: every folder and top-level module, and the lib/ modules it may import. Lint
 * refuses any other import, however written (alias or relative path); tests/unit/architecture.test.ts
 * holds this table to the real imports and to docs/ARCHITECTURE.md, and fails on a lib/ entry
 * missing here. An arrow runs down only: a module imports only modules listed before it.
 */
export const LIB_IMPORTS = {
  // The shared ground.
  "errors.ts": [],
  "env.ts": [],
  "logger.ts": ["env.ts"],
  "telemetry.ts": ["env.ts"],
  "security-headers.ts": ["env.ts"],
  "secret-box.ts": ["env.ts"],
  "validation.ts": ["errors.ts"],
  "page-query.ts": [],
  "address-class.ts": [],
  "token-hash.ts": [],
  "pagination.ts": ["errors.ts", "page-query.ts", "validation.ts"],
  "api-client": [],
  // Below every domain: the database, AWS, what verbs run against and as whom, the audit writer, the queue.
  db: ["env.ts", "pagination.ts"],
  aws: ["env.ts"],
  "engine.ts": ["aws", "db"],
  "context.ts": ["engine.ts", "errors.ts"],
  "audit.ts": ["context.ts", "db"],
  jobs: ["context.ts", "engine.ts", "env.ts"],
  // Mail out (an outbox sent by a job) and, with no SMTP_URL, the loopback receiver that keeps it under .data/mail.
  mail: ["context.ts", "db", "engine.ts", "env.ts", "jobs"],
  // The domains.
  plans: ["audit.ts", "context.ts", "db", "errors.ts"],
  orgs: ["audit.ts", "aws", "context.ts", "db", "engine.ts", "env.ts", "errors.ts", "jobs", "mail", "pagination.ts", "plans", "token-hash.ts", "validation.ts"],
  links: [
    "audit.ts",
    "aws",
    "context.ts",
    "db",
    "engine.ts",
    "env.ts",
    "errors.ts",
    "jobs",
    "orgs",
    "page-query.ts",
    "pagination.ts",
    "plans",
    "validation.ts",
  ],
  // Organizations' own single sign-on: providers, claimed domains, routing and just-in-time join.
  sso: ["address-class.ts", "audit.ts", "context.ts", "db", "env.ts", "errors.ts", "secret-box.ts", "validation.ts"],
  auth: [
    "context.ts",
    "db",
    "engine.ts",
    "env.ts",
    "errors.ts",
    "logger.ts",
    "mail",
    "orgs",
    "secret-box.ts",
    "security-headers.ts",
    "sso",
    "token-hash.ts",
    "validation.ts",
  ],
  "api-keys": ["audit.ts", "context.ts", "db", "errors.ts", "pagination.ts", "token-hash.ts"],
  "audit-log": ["context.ts", "db", "page-query.ts", "pagination.ts"],
  metrics: ["context.ts", "db", "engine.ts", "jobs", "links", "orgs"],
  regions: ["audit.ts", "aws", "context.ts", "db", "errors.ts", "links", "validation.ts"],
  "sandbox-console": ["context.ts", "engine.ts", "errors.ts", "orgs"],
  "setup-kits": ["context.ts", "errors.ts", "links", "orgs"],
  "upgrade-requests": ["audit.ts", "context.ts", "db", "env.ts", "errors.ts", "mail", "pagination.ts", "plans"],
  webhooks: [
    "address-class.ts",
    "audit.ts",
    "context.ts",
    "db",
    "engine.ts",
    "env.ts",
    "errors.ts",
    "jobs",
    "links",
    "page-query.ts",
    "pagination.ts",
    "validation.ts",
  ],
  // Mail about links to the people they concern, each person choosing which.
  notifications: ["context.ts", "db", "env.ts", "errors.ts", "jobs", "links", "mail"],
  // What knows every domain: the worker's job list and the HTTP layer.
  "job-list.ts": ["jobs", "links", "mail", "metrics", "notifications", "orgs", "webhooks"],
  api: [
    "api-keys",
    "audit-log",
    "auth",
    "context.ts",
    "db",
    "engine.ts",
    "env.ts",
    "errors.ts",
    "links",
    "logger.ts",
    "metrics",
    "notifications",
    "orgs",
    "pagination.ts",
    "plans",
    "regions",
    "sandbox-console",
    "security-headers.ts",
    "setup-kits",
    "sso",
    "token-hash.ts",
    "upgrade-requests",
    "validation.ts",
    "webhooks",
  ],
};

const libPath = (module) => `./lib/${module}`;

/** One zone per lib/ module: everything in lib/ it does not list is out of bounds. */
const libZones = Object.entries(LIB_IMPORTS).map(([module, allowed]) => ({
  target: libPath(module),
  from: Object.keys(LIB_IMPORTS)
    .filter((other) => other !== module && !allowed.includes(other))
    .map(libPath),
  message: `lib/${module} may import only ${allowed.map((m) => `lib/${m}`).join(", ") || "nothing of lib/"} (eslint.config.mjs, LIB_IMPORTS).`,
}));

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
    files: ["lib/**"],
    rules: { "import/no-restricted-paths": ["error", { zones: libZones }] },
  },
  {
    // Pages, route files and components reach data through lib's verbs and the API, never the database or AWS.
    files: ["app/**", "components/**"],
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: ["./app", "./components"],
              from: ["./lib/db", "./lib/aws", "./packages/sandbox-aws"],
              message: "app/ and components/ never touch the database or AWS: call a verb (route handlers) or the API (components/api/client.ts).",
            },
          ],
        },
      ],
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "@aws-sdk/*",
                "@privatelink-portal/sandbox-aws",
                "@privatelink-portal/sandbox-aws/*",
                "@prisma/client",
                "@prisma/client/*",
                "@prisma/adapter-pg",
              ],
              message: "app/ and components/ never touch the database or AWS: call a verb (route handlers) or the API (components/api/client.ts).",
            },
          ],
        },
      ],
    },
  },
  {
    // A package of its own, publishable as it stands: it imports nothing of the app (its tsconfig
    // also refuses any file outside it) and reads its settings in one module.
    files: ["packages/sandbox-aws/**"],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through packages/sandbox-aws/src/config.ts." }],
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/*"], message: "The sandbox AWS imports nothing of the app." }] }],
    },
  },
  {
    files: ["lib/env.ts", "packages/sandbox-aws/src/config.ts", "scripts/**", "tests/**", "*.config.*", "instrumentation.ts"],
    rules: { "no-restricted-properties": "off" },
  },
];

export default config;
