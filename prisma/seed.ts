import { demoApiKey } from "@/lib/api-keys/keys";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/client";

/**
 * Demo data for `npm run dev` (and `npm start` on the embedded database). Idempotent: rows are
 * upserted by their unique keys, and a demo password is reset only when it no longer matches.
 */

/** Each demo organization is played, in the sandbox AWS, by one of its customer accounts. */
export const DEMO_ORGANIZATIONS = [
  { slug: "acme", name: "Acme Analytics", plan: "enterprise", approvalMode: "automatic", sandboxAccountId: "222222222222" },
  { slug: "globex", name: "Globex Data", plan: "team", approvalMode: "manual", sandboxAccountId: "333333333333" },
] as const;

export const DEMO_USERS = [
  { email: "alice@acme.example.com", name: "Alice Anders", password: "acme-demo-password", role: "customer", organization: "acme" },
  { email: "gary@globex.example.com", name: "Gary Gold", password: "globex-demo-password", role: "customer", organization: "globex" },
  { email: "admin@vendor.example.com", name: "Vera Vendor", password: "vendor-admin-password", role: "admin", organization: null },
] as const;

export type DemoCredentials = {
  users: { email: string; password: string; role: "customer" | "admin"; organization: string | null }[];
  organizations: { slug: string; name: string; sandboxAccountId: string }[];
  sandbox?: { endpoint: string; accounts: unknown[] };
  /** REST API keys: one per demo organization, and a vendor admin key (organization null). */
  apiKeys: { organization: string | null; admin?: true; key: string; scopes: string[] }[];
};

/**
 * Demo API keys are derived from a fixed label, so they stay the same across restarts and fresh
 * databases (upserted by prefix). They are as public as the demo passwords: never seed them into
 * a deployment that holds real data.
 */
export async function upsertDemoApiKeys(db: Db, orgIds: Map<string, string>): Promise<DemoCredentials["apiKeys"]> {
  const keys: DemoCredentials["apiKeys"] = [];
  const scopes = ["read", "write"];
  // Each key is made by its organization's demo owner (the vendor admin's by the demo admin): a key acts as its maker does.
  const makerOf = async (organization: string | null) =>
    (await db.user.findUniqueOrThrow({ where: { email: DEMO_USERS.find((u) => u.organization === organization)!.email } })).id;
  for (const { slug } of DEMO_ORGANIZATIONS) {
    const organizationId = orgIds.get(slug)!;
    const demo = demoApiKey(`organization:${slug}`);
    const createdById = await makerOf(slug);
    await db.apiKey.upsert({
      where: { prefix: demo.prefix },
      create: { organizationId, name: "Demo key", prefix: demo.prefix, secretHash: demo.secretHash, scopes, createdById },
      update: { organizationId, isAdmin: false, secretHash: demo.secretHash, scopes, createdById },
    });
    keys.push({ organization: slug, key: demo.key, scopes });
  }
  const admin = demoApiKey("vendor-admin");
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

export async function upsertUser(db: Db, user: { email: string; name: string; password: string; role: "customer" | "admin" }) {
  const existing = await db.user.findUnique({ where: { email: user.email } });
  if (existing) {
    const isCurrent = existing.passwordHash ? await verifyPassword(user.password, existing.passwordHash) : false;
    return db.user.update({
      where: { id: existing.id },
      data: { role: user.role, ...(isCurrent ? {} : { passwordHash: await hashPassword(user.password) }) },
    });
  }
  return db.user.create({ data: { email: user.email, name: user.name, role: user.role, passwordHash: await hashPassword(user.password) } });
}

export async function seedDemoData(db: Db): Promise<DemoCredentials> {
  const orgIds = new Map<string, string>();
  for (const { sandboxAccountId, ...org } of DEMO_ORGANIZATIONS) {
    const row = await db.organization.upsert({ where: { slug: org.slug }, create: org, update: { plan: org.plan, approvalMode: org.approvalMode } });
    // Declared, not proved: proving takes a role in that account (the Setup page says which).
    await db.awsAccount.upsert({
      where: { organizationId_accountId: { organizationId: row.id, accountId: sandboxAccountId } },
      create: { organizationId: row.id, accountId: sandboxAccountId },
      update: {},
    });
    orgIds.set(org.slug, row.id);
  }
  for (const demo of DEMO_USERS) {
    const user = await upsertUser(db, demo);
    const organizationId = demo.organization ? orgIds.get(demo.organization) : undefined;
    if (organizationId) {
      await db.membership.upsert({
        where: { organizationId_userId: { organizationId, userId: user.id } },
        create: { organizationId, userId: user.id, role: "owner" },
        update: {},
      });
    }
  }
  const apiKeys = await upsertDemoApiKeys(db, orgIds);
  return {
    apiKeys,
    users: DEMO_USERS.map(({ email, password, role, organization }) => ({ email, password, role, organization })),
    organizations: DEMO_ORGANIZATIONS.map(({ slug, name, sandboxAccountId }) => ({ slug, name, sandboxAccountId })),
  };
}
