import { defineConfig } from "vitest/config";

// The package on its own (`npm test` here). The repository's root config runs these same files in
// its unit and integration projects.
export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
  },
});
