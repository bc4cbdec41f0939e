import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { demoApiKey, parseApiKey } from "@/lib/api-keys/keys";
import { verifyPassword } from "@/lib/auth/password";
import { DEMO_USERS, revokeDocumentedDemoSecrets, seedDemoData } from "@/prisma/seed";
import { demoSeedPlan, installationDemoSecrets } from "@/scripts/demo-secrets";
import { withAppDatabase } from "../fixtures/database";
import { withTempDir } from "../fixtures/temp-dir";
import { freePort } from "../../fixtures/free-port";

/**
 * `npm start` on the embedded database, as an operator runs it, in a scratch folder of its own (its
 * own .data, PostgreSQL and sandbox AWS). The production build is a stand-in server.js that exits
 * at once, so `npm start` shuts everything down after its start-up and the test reads all it said.
 * That stand-in is also why HOST=0.0.0.0 exposes nothing here: nothing listens on it (PostgreSQL and
 * the sandbox listen on 127.0.0.1 whatever HOST says, and the worker is off).
 */
const repo = process.cwd();
const root = withTempDir("privatelink-start-");
chmodSync(root, 0o755); // PostgreSQL runs as its own OS user when we are root

/** A folder where `npm start` finds the migrations and a production build (the stand-in). */
function installation(name: string): string {
  const dir = path.join(root, name);
  mkdirSync(path.join(dir, ".next", "standalone"), { recursive: true });
  chmodSync(dir, 0o755);
  symlinkSync(path.join(repo, "prisma"), path.join(dir, "prisma"));
  writeFileSync(path.join(dir, ".next", "standalone", "server.js"), "process.exit(0);\n");
  return dir;
}

async function npmStart(dir: string, variables: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const [pgPort, sandboxPort, webPort] = [await freePort(), await freePort(), await freePort()];
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", path.join(repo, "node_modules/tsx/dist/loader.mjs"), path.join(repo, "scripts/start.ts")],
    {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        TMPDIR: process.env.TMPDIR,
        TSX_TSCONFIG_PATH: path.join(repo, "tsconfig.json"),
        EMBEDDED_PG_DIR: path.join(dir, "postgres"),
        EMBEDDED_PG_PORT: String(pgPort),
        SANDBOX_PORT: String(sandboxPort),
        // The loopback mail receiver on any free port, so runs beside each other (or `npm run dev`) never clash.
        MAIL_RECEIVER_PORT: "0",
        PORT: String(webPort),
        AUTH_SECRET: "start-test-secret-start-test-secret-0123",
        RUN_WORKER: "false",
        LOG_LEVEL: "silent",
        ...variables,
      } as Partial<NodeJS.ProcessEnv> as NodeJS.ProcessEnv, // no NODE_ENV, as in an operator's shell
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { code, output };
}

type Credentials = { users: { email: string; password: string }[]; apiKeys: { organization: string | null; admin?: true; key: string }[] };
const credentialsIn = (dir: string) => JSON.parse(readFileSync(path.join(dir, ".data", "demo-credentials.json"), "utf8")) as Credentials;

const DOCUMENTED_KEYS = [demoApiKey("organization:acme").key, demoApiKey("organization:globex").key, demoApiKey("vendor-admin").key];
const DOCUMENTED_PASSWORDS = DEMO_USERS.map((u) => u.password as string);

describe("npm start on the embedded database", () => {
  it("seeds random secrets of this installation, never the documented ones, into .data/demo-credentials.json only, and keeps them", async () => {
    const dir = installation("loopback");
    // `npm run dev` ran here before: the file holds the documented sign-ins and keys.
    mkdirSync(path.join(dir, ".data"));
    const documented: Credentials = {
      users: DEMO_USERS.map(({ email, password }) => ({ email, password })),
      apiKeys: [
        { organization: "acme", key: DOCUMENTED_KEYS[0]! },
        { organization: "globex", key: DOCUMENTED_KEYS[1]! },
        { organization: null, admin: true, key: DOCUMENTED_KEYS[2]! },
      ],
    };
    writeFileSync(path.join(dir, ".data", "demo-credentials.json"), JSON.stringify(documented));

    const first = await npmStart(dir);
    expect(first.code, first.output).toBe(0);
    const credentials = credentialsIn(dir);
    expect(credentials.users.map((u) => u.email)).toEqual(DEMO_USERS.map((u) => u.email));
    for (const { password } of credentials.users) {
      expect(DOCUMENTED_PASSWORDS).not.toContain(password);
      expect(password.length).toBeGreaterThanOrEqual(20);
      expect(first.output).not.toContain(password);
    }
    expect(new Set(credentials.users.map((u) => u.password)).size).toBe(credentials.users.length);
    expect(credentials.apiKeys.map((k) => k.organization)).toEqual(["acme", "globex", null]);
    for (const { key } of credentials.apiKeys) {
      expect(key).toMatch(/^plk_[A-Za-z0-9]{8}_[A-Za-z0-9]{32}$/);
      expect(DOCUMENTED_KEYS).not.toContain(key);
      expect(first.output).not.toContain(key);
    }
    expect(first.output).toContain("demo data seeded: sign-ins and API keys are in .data/demo-credentials.json");

    // The next start of the same installation keeps them, so the file stays true.
    const second = await npmStart(dir);
    expect(second.code, second.output).toBe(0);
    expect(credentialsIn(dir)).toMatchObject({ users: credentials.users, apiKeys: credentials.apiKeys });
  });

  it("does not seed when HOST is not a loopback address, says so, and still starts", async () => {
    const dir = installation("exposed");
    const { code, output } = await npmStart(dir, { HOST: "0.0.0.0" });
    expect(code, output).toBe(0);
    expect(output).toContain("demo data not seeded: HOST=0.0.0.0 is not a loopback address");
    expect(output).toContain("portal on ");
    expect(existsSync(path.join(dir, ".data", "demo-credentials.json"))).toBe(false);
  });
});

describe("the demo seeding decision", () => {
  it("seeds the documented sign-ins under npm run dev, this installation's own under npm start and db:seed, and nothing off loopback", () => {
    for (const host of ["127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2", "LOCALHOST"]) {
      expect(demoSeedPlan({ mode: "dev", host, isEmbedded: false }), host).toEqual({ seed: true, secrets: "documented" });
      expect(demoSeedPlan({ mode: "start", host, isEmbedded: true }), host).toEqual({ seed: true, secrets: "installation" });
      expect(demoSeedPlan({ mode: "seed", host, isEmbedded: false }), host).toEqual({ seed: true, secrets: "installation" });
    }
    expect(demoSeedPlan({ mode: "start", host: "127.0.0.1", isEmbedded: false })).toEqual({ seed: false });
    for (const host of ["0.0.0.0", "::", "[::]", "192.168.1.10", "portal.example.com", "127.0.0.1.example.com"]) {
      for (const mode of ["dev", "start", "seed"] as const) {
        expect(demoSeedPlan({ mode, host, isEmbedded: true }), `${mode} ${host}`).toEqual({
          seed: false,
          refusal: expect.stringContaining(`HOST=${host} is not a loopback address`),
        });
      }
    }
  });
});

describe("the demo secrets in the database", () => {
  const db = withAppDatabase();
  const passwordWorks = async (email: string, password: string) =>
    verifyPassword(password, (await db().user.findUniqueOrThrow({ where: { email } })).passwordHash!);
  const keyRows = async (keys: string[]) => db().apiKey.count({ where: { prefix: { in: keys.map((key) => parseApiKey(key)!.prefix) } } });

  it("replaces the documented ones when an installation seeds its own: the documented passwords and keys stop working", async () => {
    await seedDemoData(db()); // as `npm run dev` did on this database
    const file = path.join(root, "no-such-credentials.json");
    const own = await seedDemoData(db(), installationDemoSecrets(file));
    for (const { email, password } of DEMO_USERS) {
      expect(await passwordWorks(email, password), email).toBe(false);
      expect(await passwordWorks(email, own.users.find((u) => u.email === email)!.password), email).toBe(true);
    }
    expect(await keyRows(DOCUMENTED_KEYS)).toBe(0);
    expect(await keyRows(own.apiKeys.map((k) => k.key))).toBe(3);
  });

  it("revokes the documented ones where the demo is not seeded (HOST off loopback)", async () => {
    await seedDemoData(db());
    await revokeDocumentedDemoSecrets(db());
    for (const { email, password } of DEMO_USERS) expect(await passwordWorks(email, password), email).toBe(false);
    expect(await keyRows(DOCUMENTED_KEYS)).toBe(0);
  });
});
