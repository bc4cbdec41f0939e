import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const alias = {
  "@": fileURLToPath(new URL(".", import.meta.url)),
  // `server-only` throws outside React Server Components; tests run plain Node.
  "server-only": fileURLToPath(new URL("./tests/fixtures/empty-module.ts", import.meta.url)),
};

const integration = {
  environment: "node",
  globalSetup: ["tests/integration/global-setup.ts"],
  // Webhook receivers in these tests listen on 127.0.0.1 over plain http.
  // Probes resolve names through the system resolver unless told otherwise: tests that probe turn them on with a resolver on loopback.
  env: { WEBHOOK_ALLOW_PRIVATE_URLS: "true", PROBES: "off" },
  // Tests wait for events (tests/integration/until.ts), never for the clock: these timeouts
  // only guard against a hang, generous enough for a machine busy with other work.
  testTimeout: 300_000,
  hookTimeout: 300_000,
};

// Run again under the sandbox's realistic profile (EC2 eventual consistency, IAM propagation): the lifecycle, workers killed
// between AWS's create and our commit, the trust boundary, retries, and one whole customer kit (the instance kit: security
// group, load balancer, service made and read back).
const REALISTIC_FILES = [
  "tests/integration/links/lifecycle.int.test.ts",
  "tests/integration/links/worker.int.test.ts",
  "tests/integration/links/crash.int.test.ts",
  "tests/integration/links/trust-boundary.int.test.ts",
  "tests/integration/links/retry.int.test.ts",
  "tests/integration/setup-kits/cli-instance.int.test.ts",
];

export default defineConfig({
  resolve: { alias },
  test: {
    // Vitest's default is one fewer than the cores, so one file at a time on a 2-core machine. The integration files mostly
    // wait (on PostgreSQL, the sandbox, the AWS CLI): three at once take 10 minutes instead of 17 here.
    maxWorkers: 3,
    projects: [
      {
        resolve: { alias },
        // A hang guard, not a deadline: some unit tests run a tool (docker-compose config, terraform
        // fmt) that takes seconds on a busy machine.
        test: { name: "unit", include: ["tests/unit/**/*.test.ts", "packages/*/tests/unit/**/*.test.ts"], environment: "node", testTimeout: 60_000 },
      },
      {
        resolve: { alias },
        test: { name: "integration", include: ["tests/integration/**/*.int.test.ts", "packages/*/tests/integration/**/*.int.test.ts"], ...integration },
      },
      {
        resolve: { alias },
        // The same files again against AWS's eventual consistency (SANDBOX_PROFILE=realistic, read by the fixtures'
        // sandbox): the lifecycle (verbs and workers), retry and the trust boundary. Any other file runs under it on demand:
        // SANDBOX_PROFILE=realistic npx vitest run --project integration <file> (the crash test takes minutes: docs/SANDBOX.md).
        test: { name: "integration-realistic", include: REALISTIC_FILES, ...integration, env: { ...integration.env, SANDBOX_PROFILE: "realistic" } },
      },
    ],
  },
});
