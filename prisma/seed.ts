import { randomBytes } from "node:crypto";
import { demoApiKey, parseApiKey, type GeneratedKey } from "@/lib/api-keys/keys";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/client";
import { tokenHash } from "@/lib/token-hash";

/**
 * Demo data for `npm run dev` (and `npm start` on the embedded database, and `npm run db:seed`).
 * Idempotent: rows are upserted by their unique keys, and a demo password is reset only when it no
 * longer matches. `npm run dev` seeds the documented passwords and keys; the others seed secrets of
 * their installation's own (scripts/demo-secrets.ts), and then the documented ones stop working.
 */

/**
 * Each demo organization is played, in the sandbox AWS, by one of its customer accounts. Acme, on Enterprise, has a quota
 * of its own, above its plan's (and its demo link, scripts/demo-link.ts, takes one of them); Globex has its plan's (null).
 * The plans themselves come from the migrations (lib/plans).
 */
export const DEMO_ORGANIZATIONS = [
  { slug: "acme", name: "Acme Analytics", plan: "enterprise", approvalMode: "automatic", linkQuota: 25, sandboxAccountId: "222222222222" },
  { slug: "globex", name: "Globex Data", plan: "team", approvalMode: "manual", linkQuota: null, sandboxAccountId: "333333333333" },
] as const;

export const DEMO_USERS = [
  { email: "alice@acme.example.com", name: "Alice Anders", password: "acme-demo-password", role: "customer", organization: "acme" },
  { email: "gary@globex.example.com", name: "Gary Gold", password: "globex-demo-password", role: "customer", organization: "globex" },
  { email: "admin@vendor.example.com", name: "Vera Vendor", password: "vendor-admin-password", role: "admin", organization: null },
] as const;

export type DemoCredentials = {
  users: { email: string; password: string; role: "customer" | "admin"; organization: string | null }[];
  organizations: { slug: string; name: string; sandboxAccountId: string }[];
  sandbox?: { endpoint: string; dns: { host: string; port: number } | null; accounts: unknown[] };
  /** REST API keys: one per demo organization, and a vendor admin key (organization null). */
  apiKeys: { organization: string | null; admin?: true; key: string; scopes: string[] }[];
};

/** The demo users' passwords (by email) and the demo API keys (by label: `organization:<slug>`, `vendor-admin`). */
export type DemoSecrets = { passwords: Record<string, string>; apiKeys: Record<string, string> };

export const DEMO_KEY_LABELS = [...DEMO_ORGANIZATIONS.map(({ slug }) => `organization:${slug}`), "vendor-admin"];

/**
 * `npm run dev`'s: the README's passwords, and keys derived from fixed labels, the same across restarts and fresh
 * databases. They are public: never seed them where the network reaches.
 */
export function documentedDemoSecrets(): DemoSecrets {
  return {
    passwords: Object.fromEntries(DEMO_USERS.map(({ email, password }) => [email, password])),
    apiKeys: Object.fromEntries(DEMO_KEY_LABELS.map((label) => [label, demoApiKey(label).key])),
  };
}

function keyOf(secrets: DemoSecrets, label: string): GeneratedKey {
  const key = secrets.apiKeys[label] ?? "";
  const parsed = parseApiKey(key);
  if (!parsed) throw new Error(`the demo API key for ${label} is not a key`);
  return { key, prefix: parsed.prefix, secretHash: tokenHash(parsed.secret) };
}

/** Demo API keys, upserted by prefix. */
export async function upsertDemoApiKeys(
  db: Db,
  orgIds: Map<string, string>,
  secrets: DemoSecrets = documentedDemoSecrets(),
): Promise<DemoCredentials["apiKeys"]> {
  const keys: DemoCredentials["apiKeys"] = [];
  const scopes = ["read", "write"];
  // Each key is made by its organization's demo owner (the vendor admin's by the demo admin): a key acts as its maker does.
  const makerOf = async (organization: string | null) =>
    (await db.user.findUniqueOrThrow({ where: { email: DEMO_USERS.find((u) => u.organization === organization)!.email } })).id;
  for (const { slug } of DEMO_ORGANIZATIONS) {
    const organizationId = orgIds.get(slug)!;
    const demo = keyOf(secrets, `organization:${slug}`);
    const createdById = await makerOf(slug);
    await db.apiKey.upsert({
      where: { prefix: demo.prefix },
      create: { organizationId, name: "Demo key", prefix: demo.prefix, secretHash: demo.secretHash, scopes, createdById },
      update: { organizationId, isAdmin: false, secretHash: demo.secretHash, scopes, createdById },
    });
    keys.push({ organization: slug, key: demo.key, scopes });
  }
  const admin = keyOf(secrets, "vendor-admin");
  const adminId = await makerOf(null);
  await db.apiKey.upsert({
    where: { prefix: admin.prefix },
    create: {
      organizationId: null,
      isAdmin: true,
      name: "Demo vendor admin key",
      prefix: admin.prefix,
      secretHash: admin.secretHash,
      scopes,
      createdById: adminId,
    },
    update: { organizationId: null, isAdmin: true, secretHash: admin.secretHash, scopes, createdById: adminId },
  });
  keys.push({ organization: null, admin: true, key: admin.key, scopes });
  return keys;
}

/** Whoever runs the seed or the admin CLI vouches for the address: these users count as verified. */
export async function upsertUser(db: Db, user: { email: string; name: string; password: string; role: "customer" | "admin" }) {
  const existing = await db.user.findUnique({ where: { email: user.email } });
  if (existing) {
    const isCurrent = existing.passwordHash ? await verifyPassword(user.password, existing.passwordHash) : false;
    return db.user.update({
      where: { id: existing.id },
      data: {
        role: user.role,
        emailVerifiedAt: existing.emailVerifiedAt ?? new Date(),
        ...(isCurrent ? {} : { passwordHash: await hashPassword(user.password) }),
      },
    });
  }
  return db.user.create({
    data: { email: user.email, name: user.name, role: user.role, passwordHash: await hashPassword(user.password), emailVerifiedAt: new Date() },
  });
}

function passwordOf(secrets: DemoSecrets, email: string): string {
  const password = secrets.passwords[email];
  if (!password) throw new Error(`no demo password for ${email}`);
  return password;
}

async function deleteDocumentedKeys(db: Db, keep: DemoSecrets): Promise<void> {
  const kept = new Set(Object.values(keep.apiKeys));
  const prefixes = Object.values(documentedDemoSecrets().apiKeys).flatMap((key) => (kept.has(key) ? [] : [parseApiKey(key)!.prefix]));
  await db.apiKey.deleteMany({ where: { prefix: { in: prefixes } } });
}

/**
 * Makes the documented secrets useless where the demo is not seeded (`HOST` off loopback): their keys are deleted, and a
 * demo user whose password is still the documented one gets a random one nobody knows (a later seed sets it again).
 */
export async function revokeDocumentedDemoSecrets(db: Db): Promise<void> {
  await deleteDocumentedKeys(db, { passwords: {}, apiKeys: {} });
  for (const [email, password] of Object.entries(documentedDemoSecrets().passwords)) {
    const user = await db.user.findUnique({ where: { email } });
    if (user?.passwordHash && (await verifyPassword(password, user.passwordHash))) {
      await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(randomBytes(24).toString("base64url")) } });
    }
  }
}

export async function seedDemoData(db: Db, secrets: DemoSecrets = documentedDemoSecrets()): Promise<DemoCredentials> {
  const orgIds = new Map<string, string>();
  for (const { sandboxAccountId, ...org } of DEMO_ORGANIZATIONS) {
    const row = await db.organization.upsert({ where: { slug: org.slug }, create: org, update: { plan: org.plan, approvalMode: org.approvalMode } });
    // Declared, not proved: proving takes a role in that account (the Setup page says which).
    await db.awsAccount.upsert({
      where: { organizationId_accountId: { organizationId: row.id, accountId: sandboxAccountId } },
      create: { organizationId: row.id, accountId: sandboxAccountId },
      update: {},
    });
    // The sandbox console acts in this account for the organization (lib/sandbox-console/account.ts), and for no other.
    await db.sandboxAccount.deleteMany({ where: { accountId: sandboxAccountId, organizationId: { not: row.id } } });
    await db.sandboxAccount.upsert({
      where: { organizationId: row.id },
      create: { organizationId: row.id, accountId: sandboxAccountId },
      update: { accountId: sandboxAccountId },
    });
    orgIds.set(org.slug, row.id);
  }
  for (const demo of DEMO_USERS) {
    const user = await upsertUser(db, { ...demo, password: passwordOf(secrets, demo.email) });
    const organizationId = demo.organization ? orgIds.get(demo.organization) : undefined;
    if (organizationId) {
      await db.membership.upsert({
        where: { organizationId_userId: { organizationId, userId: user.id } },
        create: { organizationId, userId: user.id, role: "owner" },
        update: {},
      });
    }
  }
  const apiKeys = await upsertDemoApiKeys(db, orgIds, secrets);
  await deleteDocumentedKeys(db, secrets);
  return {
    apiKeys,
    users: DEMO_USERS.map(({ email, role, organization }) => ({ email, password: passwordOf(secrets, email), role, organization })),
    organizations: DEMO_ORGANIZATIONS.map(({ slug, name, sandboxAccountId }) => ({ slug, name, sandboxAccountId })),
  };
}
