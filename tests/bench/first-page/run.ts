import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { isListening } from "../../../scripts/dev-warm-up";
import { freePort } from "../../fixtures/free-port";

/**
 * `npm run bench:first-page [-- --no-warm-up] [-- --keep-cache]`: the first impression of `npm run dev`. Starts it as a
 * newcomer does (scripts/dev.ts, with a worker and the sandbox), on free ports, with its own embedded PostgreSQL in a
 * temporary folder and, unless --keep-cache, without Next's dev cache (.next/dev: the first start after a clone). Prints the
 * seconds until the server listens, until the address is announced, from then until the sign-in page answers 200, and the
 * first visit of a page the warm-up compiled (/setup; without the warm-up, its cold compile). Run it with no `npm run dev`
 * in this checkout (both use .next/dev); `tests/busy.sh npm run bench:first-page` measures a busy machine.
 */
const { values } = parseArgs({ options: { "no-warm-up": { type: "boolean" }, "keep-cache": { type: "boolean" } } });
const repo = process.cwd();
const say = (message: string) => process.stdout.write(`[bench:first-page] ${message}\n`);

/** Seconds until GET `url` answers, and its status; a redirect counts as the answer. */
async function timed(url: string): Promise<{ status: number; seconds: number }> {
  const started = performance.now();
  const response = await fetch(url, { redirect: "manual" });
  await response.arrayBuffer();
  return { status: response.status, seconds: (performance.now() - started) / 1000 };
}

const scratch = mkdtempSync(path.join(tmpdir(), "privatelink-first-page-"));
chmodSync(scratch, 0o755); // PostgreSQL runs as its own OS user when we are root
if (!values["keep-cache"]) rmSync(path.join(repo, ".next", "dev"), { recursive: true, force: true });
const [port, pgPort, sandboxPort, dnsPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
const base = `http://127.0.0.1:${port}`;
const started = performance.now();
const elapsed = () => (performance.now() - started) / 1000;
const dev = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(repo, "scripts/dev.ts")], {
  env: {
    ...process.env,
    PORT: String(port),
    EMBEDDED_PG_DIR: path.join(scratch, "postgres"),
    EMBEDDED_PG_PORT: String(pgPort),
    SANDBOX_PORT: String(sandboxPort),
    SANDBOX_DNS_PORT: String(dnsPort),
    MAIL_RECEIVER_PORT: "0",
    MAIL_DIR: path.join(scratch, "mail"),
    DEV_WARM_UP: values["no-warm-up"] ? "false" : "true",
    LOG_FORMAT: "json",
  },
  stdio: ["ignore", "pipe", "inherit"],
});
const lines: string[] = [];
const waiters: { pattern: string; resolve: (seconds: number) => void }[] = [];
let buffered = "";
dev.stdout.on("data", (chunk: Buffer) => {
  buffered += chunk.toString("utf8");
  const parts = buffered.split("\n");
  buffered = parts.pop() ?? "";
  for (const line of parts) {
    lines.push(line);
    for (const waiter of waiters.filter((w) => line.includes(w.pattern))) waiter.resolve(elapsed());
  }
});
const exited = new Promise<never>((_, reject) =>
  dev.once("exit", (code) => reject(new Error(`npm run dev exited (${code}):\n${lines.slice(-20).join("\n")}`))),
);
exited.catch(() => {}); // awaited only while measuring: its exit when stopped below is expected
const line = (pattern: string) => Promise.race([exited, new Promise<number>((resolve) => waiters.push({ pattern, resolve }))]);

try {
  const announced = line("[portal] portal on ");
  const warmedAll = line(" main pages compiled, ");
  let listening = 0;
  while (!(await isListening("127.0.0.1", port))) {
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 100))]);
    listening = elapsed();
  }
  say(`server listening ${listening.toFixed(1)} s after the start`);
  const announcedAt = await announced;
  say(`address announced ${announcedAt.toFixed(1)} s after the start`);
  const signIn = await timed(`${base}/sign-in`);
  if (signIn.status !== 200) throw new Error(`/sign-in answered ${signIn.status}`);
  say(`first visit: /sign-in answered 200 in ${signIn.seconds.toFixed(1)} s (${(elapsed() - listening).toFixed(1)} s after the server listened)`);
  if (!values["no-warm-up"]) say(`warm-up done ${(await warmedAll).toFixed(1)} s after the start`);
  const setup = await timed(`${base}/setup`);
  say(`first visit of /setup (${values["no-warm-up"] ? "not warmed" : "warmed"}): answered ${setup.status} in ${setup.seconds.toFixed(1)} s`);
  process.stdout.write(
    `${JSON.stringify({
      warmUp: !values["no-warm-up"],
      freshCache: !values["keep-cache"],
      load: loadavg()[0],
      ...Object.fromEntries(
        Object.entries({ listening, announced: announcedAt, signIn: signIn.seconds, setup: setup.seconds }).map(([k, v]) => [k, Math.round(v * 10) / 10]),
      ),
    })}\n`,
  );
} finally {
  dev.kill("SIGTERM");
  await new Promise((resolve) => (dev.exitCode === null ? dev.once("exit", resolve) : resolve(undefined)));
  rmSync(scratch, { recursive: true, force: true });
}
