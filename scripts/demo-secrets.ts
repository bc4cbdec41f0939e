import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { generateApiKey, parseApiKey } from "@/lib/api-keys/keys";
import { isLoopbackHost } from "@/lib/env";
import { DEMO_KEY_LABELS, DEMO_USERS, documentedDemoSecrets, type DemoSecrets } from "@/prisma/seed";
import { DATA_DIR } from "./runtime";

/**
 * Whether the demo accounts are seeded, and with which secrets. Their sign-ins include a vendor admin, so they are
 * seeded only while the portal listens on loopback: `npm run dev` with the README's passwords, `npm start` (embedded
 * database) and `npm run db:seed` with random ones of this installation, kept in .data/demo-credentials.json only.
 */

export type DemoSeedPlan = { seed: true; secrets: "documented" | "installation" } | { seed: false; refusal?: string };

export { isLoopbackHost };

export function demoSeedPlan({ mode, host, isEmbedded }: { mode: "dev" | "start" | "seed"; host: string; isEmbedded: boolean }): DemoSeedPlan {
  if (mode === "start" && !isEmbedded) return { seed: false };
  if (!isLoopbackHost(host)) {
    return {
      seed: false,
      refusal:
        `demo data not seeded: HOST=${host} is not a loopback address, and the demo's sign-ins (a vendor admin among them) would be open to the network; ` +
        "demo sign-ins left from an earlier seed no longer work. Sign in with your own accounts (`npm run admin:create`), or set HOST=127.0.0.1 for the demo",
    };
  }
  return { seed: true, secrets: mode === "dev" ? "documented" : "installation" };
}

const CREDENTIALS_FILE = path.join(DATA_DIR, "demo-credentials.json");

const previousSchema = z.object({
  users: z.array(z.object({ email: z.string(), password: z.string() })),
  apiKeys: z.array(z.object({ organization: z.string().nullable(), admin: z.boolean().optional(), key: z.string() })),
});

function previousSecrets(file: string): DemoSecrets {
  let parsed;
  try {
    parsed = previousSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  } catch {
    return { passwords: {}, apiKeys: {} };
  }
  if (!parsed.success) return { passwords: {}, apiKeys: {} };
  return {
    passwords: Object.fromEntries(parsed.data.users.map((u) => [u.email, u.password])),
    apiKeys: Object.fromEntries(parsed.data.apiKeys.map((k) => [k.admin ? "vendor-admin" : `organization:${k.organization ?? ""}`, k.key])),
  };
}

/**
 * This installation's demo secrets: those its credentials file already holds, so the file stays true across restarts,
 * except the documented ones (an earlier `npm run dev` wrote them), which are replaced by random ones.
 */
export function installationDemoSecrets(file: string = CREDENTIALS_FILE): DemoSecrets {
  const previous = previousSecrets(file);
  const documented = documentedDemoSecrets();
  const isOwn = (value: string | undefined, documentedValue: string | undefined): value is string => Boolean(value) && value !== documentedValue;
  const passwords = Object.fromEntries(
    DEMO_USERS.map(({ email }) => {
      const kept = previous.passwords[email];
      return [email, isOwn(kept, documented.passwords[email]) && kept.length >= 20 ? kept : randomBytes(18).toString("base64url")];
    }),
  );
  const apiKeys = Object.fromEntries(
    DEMO_KEY_LABELS.map((label) => {
      const kept = previous.apiKeys[label];
      return [label, isOwn(kept, documented.apiKeys[label]) && parseApiKey(kept) ? kept : generateApiKey().key];
    }),
  );
  return { passwords, apiKeys };
}
