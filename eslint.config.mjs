import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", ".data/**", "dist/**", "lib/db/generated/**", "next-env.d.ts", "playwright-report/**", "test-results/**"] },
  {
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through lib/env.ts." }],
    },
  },
  { files: ["lib/env.ts", "lib/cli/**", "tests/**", "*.config.*", "instrumentation.ts"], rules: { "no-restricted-properties": "off" } },
];

export default config;
