import { z } from "zod";

// What each variable means and its default: README.md, Configuration.

const portNumber = z.coerce
  .number({ error: "expected a port number" })
  .int("expected a whole number")
  .min(1, "expected a port between 1 and 65535")
  .max(65535, "expected a port between 1 and 65535");

const port = (fallback: number) => portNumber.default(fallback);

const postgresUrl = z.string().regex(/^postgres(ql)?:\/\/.+/, "expected a postgresql:// connection URL");

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: port(3000),
    HOST: z.string().min(1).default("127.0.0.1"),
    APP_URL: optional(z.url({ error: "expected an absolute URL such as https://portal.example.com" })),
    API_CONTACT_EMAIL: optional(z.email({ error: "expected an email address such as api@example.com" })),
    DATABASE_URL: optional(postgresUrl),
    EMBEDDED_PG_DIR: z.string().min(1).default(".data/postgres"),
    EMBEDDED_PG_PORT: port(54329),
    AUTH_SECRET: optional(z.string().min(32, "expected at least 32 characters (try: openssl rand -base64 32)")),
    OIDC_ISSUER: optional(z.url({ error: "expected the issuer URL of your OpenID Connect provider" })),
    OIDC_CLIENT_ID: optional(z.string().min(1)),
    OIDC_CLIENT_SECRET: optional(z.string().min(1)),
    OIDC_NAME: z.string().min(1).default("Single sign-on"),
    // Organizations' own providers must be https; loopback http is allowed outside production, or with this (tests, e2e).
    SSO_ALLOW_LOOPBACK_ISSUERS: z
      .enum(["true", "false"], { error: "expected true or false" })
      .default("false")
      .transform((value) => value === "true"),
    // Where claimed email domains' TXT proofs are looked up; unset: the system's resolver.
    DNS_PROOF_SERVER: optional(z.string().regex(/^(\[[0-9a-fA-F:.]+\]|[^\s:]+):\d{1,5}$/, "expected host:port, e.g. 1.1.1.1:53 or 127.0.0.1:5353")),
    // Unset: required when NODE_ENV=production, optional otherwise (adminMfa below).
    ADMIN_MFA: optional(z.enum(["required", "optional"], { error: "expected required or optional" })),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    LOG_FORMAT: optional(z.enum(["json", "pretty"])),
    AWS_ENDPOINT_URL: optional(z.url({ error: "expected the URL of an AWS-compatible endpoint, e.g. http://127.0.0.1:4566" })),
    AWS_ACCESS_KEY_ID: optional(z.string().min(16, "expected an AWS access key id")),
    AWS_SECRET_ACCESS_KEY: optional(z.string().min(1)),
    AWS_PROFILE: optional(z.string().min(1)),
    AWS_REGION: optional(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "expected an AWS region such as us-east-1")),
    PRINCIPAL_MODE: z.enum(["per_organization", "shared"], { error: "expected per_organization or shared" }).default("per_organization"),
    SHARED_PRINCIPAL_ARN: optional(z.string().regex(/^arn:aws[\w-]*:iam::\d{12}:(root|role\/.+)$/, "expected an IAM role ARN or arn:aws:iam::<account>:root")),
    RUN_WORKER: z
      .enum(["true", "false"], { error: "expected true or false" })
      .default("true")
      .transform((value) => value === "true"),
    // `npm run dev` only: Next compiles a page on its first request, so the main ones are requested once at start (scripts/dev-warm-up.ts).
    DEV_WARM_UP: z
      .enum(["true", "false"], { error: "expected true or false" })
      .default("true")
      .transform((value) => value === "true"),
    PRINCIPAL_ROLE_PATH: z
      .string()
      .regex(/^\/([\w+=,.@-]+\/)*$/, "expected an IAM path such as /privatelink/")
      .default("/privatelink/"),
    OUTSIDE_CANARY_ROLE_ARN: optional(z.string().regex(/^arn:aws[\w-]*:iam::\d{12}:role\/.+$/, "expected an IAM role ARN in another AWS account")),
    API_RATE_LIMIT_PER_MINUTE: z.coerce.number({ error: "expected a number of requests" }).int().min(1).default(600),
    API_RATE_LIMIT_ORG_PER_MINUTE: z.coerce.number({ error: "expected a number of requests" }).int().min(1).default(1200),
    // pg-boss counts a job running longer dead (its worker killed) and hands it to another; the supervisor checks a few times as often.
    JOB_EXPIRE_SECONDS: z.coerce.number({ error: "expected seconds" }).int().min(1).max(3600).default(120),
    RECONCILE_SETTLED_SECONDS: z.coerce.number({ error: "expected seconds" }).int().min(5).max(86_400).default(30),
    // How long our endpoint outlives a link the customer turned away (rejected, disconnected, expired); 0: at once.
    RELEASE_AFTER_SECONDS: z.coerce.number({ error: "expected seconds" }).int("expected whole seconds").min(0).max(31_536_000).default(604_800),
    // How long an endpoint of ours that no live link claims (an orphan, lib/links/orphans.ts) is listed before the worker deletes it.
    ORPHAN_GRACE_SECONDS: z.coerce.number({ error: "expected seconds" }).int("expected whole seconds").min(0).max(31_536_000).default(86_400),
    WORKER_HEALTH_PORT: optional(portNumber),
    OTEL_EXPORTER_OTLP_ENDPOINT: optional(z.url({ error: "expected the base URL of an OTLP/HTTP collector, e.g. http://127.0.0.1:4318" })),
    OTEL_SERVICE_NAME: z.string().min(1).default("privatelink-portal"),
    METRICS_TOKEN: optional(z.string().min(16, "expected at least 16 characters (try: openssl rand -hex 24)")),
    // Lifts the SSRF guard (docs/WEBHOOKS.md); deliberately not implied by any NODE_ENV.
    WEBHOOK_ALLOW_PRIVATE_URLS: z
      .enum(["true", "false"], { error: "expected true or false" })
      .default("false")
      .transform((value) => value === "true"),
    TRUSTED_PROXY_HOPS: z.coerce.number({ error: "expected a number of proxies" }).int("expected a whole number").min(0).max(10).default(0),
    SIGN_UP_LIMIT_PER_HOUR: z.coerce.number({ error: "expected a number of sign-ups" }).int().min(1).default(100),
    SIGN_UP_LIMIT_ADDRESS_PER_HOUR: z.coerce.number({ error: "expected a number of sign-ups" }).int().min(1).default(10),
    PROBES: z.enum(["on", "off"], { error: "expected on or off" }).default("on"),
    PROBE_INTERVAL_S: z.coerce.number({ error: "expected seconds" }).int().min(10).max(86_400).default(300),
    PROBE_TIMEOUT_MS: z.coerce.number({ error: "expected milliseconds" }).int().min(100).max(60_000).default(3000),
    PROBE_DNS_SERVER: optional(z.string().regex(/^(\[[0-9a-fA-F:.]+\]|[^\s:]+):\d{1,5}$/, "expected host:port, e.g. 10.0.0.2:53 or 127.0.0.1:4567")),
    PROBE_MAX_SOCKETS: z.coerce.number({ error: "expected a number of sockets" }).int().min(1).max(10_000).default(64),
    IAM_ROLE_CREATIONS_PER_HOUR: z.coerce.number({ error: "expected a number of roles" }).int().min(1).default(60),
    SMTP_URL: optional(z.string().regex(/^smtps?:\/\/[^\s]+$/, "expected an smtp:// or smtps:// URL such as smtps://user:password@smtp.example.com:465")),
    MAIL_FROM: z
      .string()
      .regex(/^[^\n]*<?[^\s@<>]+@[^\s@<>]+>?$/, 'expected an address, optionally with a name: "Portal <no-reply@example.com>"')
      .default("privatelink-portal <no-reply@localhost>"),
    MAIL_DIR: z.string().min(1).default(".data/mail"),
    // 0: any free port, for `npm run dev` and `npm start`, which hand the one they got to the web and worker processes.
    MAIL_RECEIVER_PORT: z.coerce.number({ error: "expected a port number" }).int("expected a whole number").min(0).max(65535).default(2525),
  })
  .superRefine((value, ctx) => {
    if (value.PRINCIPAL_MODE === "shared" && !value.SHARED_PRINCIPAL_ARN) {
      ctx.addIssue({ code: "custom", path: ["SHARED_PRINCIPAL_ARN"], message: "required when PRINCIPAL_MODE=shared" });
    }
    const oidc = [value.OIDC_ISSUER, value.OIDC_CLIENT_ID, value.OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      for (const name of ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const) {
        if (!value[name]) ctx.addIssue({ code: "custom", path: [name], message: "set all three OIDC_* variables, or none" });
      }
    }
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

// An empty variable counts as unset: docker-compose.yml passes each unset one through as `VAR=`.
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(Object.fromEntries(Object.entries(source).filter(([, value]) => value !== "")));
  if (result.success) return result.data;
  throw new EnvError(
    result.error.issues.map((issue) => {
      const name = issue.path.join(".") || "(environment)";
      const got = typeof issue.path[0] === "string" ? source[issue.path[0]] : undefined;
      const shown = got === undefined || /SECRET|PASSWORD|URL/.test(name) ? "" : ` (got "${got}")`;
      return `${name}: ${issue.message}${shown}`;
    }),
  );
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function appUrl(env: Env = getEnv()): string {
  const host = env.HOST === "0.0.0.0" || env.HOST === "::" ? "localhost" : env.HOST;
  return (env.APP_URL ?? `http://${host.includes(":") ? `[${host}]` : host}:${env.PORT}`).replace(/\/$/, "");
}

/** Whether `host` (HOST) is this machine only: the demo seed and the development mailbox are offered only then. */
export function isLoopbackHost(host: string): boolean {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1");
  const ipv4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(name);
  return name === "localhost" || name === "::1" || (ipv4 !== null && ipv4.slice(1).every((octet) => Number(octet) <= 255));
}

/** Whether a vendor admin needs a second factor (TOTP or a passkey) before the admin API and console answer them. */
export function adminMfa(env: Env = getEnv()): "required" | "optional" {
  return env.ADMIN_MFA ?? (env.NODE_ENV === "production" ? "required" : "optional");
}

/** next-auth reads NEXTAUTH_URL itself; derived from APP_URL so deployments set one variable. */
export function exportLibraryEnv(env: Env = getEnv()): void {
  process.env.NEXTAUTH_URL ??= appUrl(env);
}
