import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { actorLabelOf, changesOf, DESCRIBED_ACTIONS, summaryOf, type DescribedEntry } from "@/lib/audit-log/describe";
import { CSV_COLUMNS, csvLine, toAuditEntryView } from "@/lib/audit-log/read-audit-log";
import type { AuditLog } from "@/lib/db/generated/client";

const entry = (action: string, target: Partial<DescribedEntry["target"]> = {}, metadata: Record<string, unknown> = {}): DescribedEntry => ({
  action,
  target: { type: "link", id: "0b4c1c1e-0000-4000-8000-000000000000", name: null, ...target },
  metadata,
});

/** Every audit action string the product writes: dotted literals in the files that write audit rows. */
function actionsInCode(): string[] {
  const writes = /recordAudit\(|auditLog\.create|recordAccountAudit\(|await audit\(|recordMfaChange\(/;
  const files = (readdirSync("lib", { recursive: true }) as string[])
    .filter((f) => /\.tsx?$/.test(f) && !f.startsWith("db/generated") && !f.startsWith("audit-log"))
    .map((f) => readFileSync(join("lib", f), "utf8"))
    .filter((source) => writes.test(source));
  const found = files.flatMap((source) => [...source.matchAll(/"([a-z_]+\.[a-z_]+)"/g)].map((m) => m[1]!));
  return [...new Set(found)].sort();
}

describe("summaryOf", () => {
  it("has a sentence for every action the code writes", () => {
    const actions = actionsInCode();
    expect(actions.length).toBeGreaterThan(40);
    expect(actions).toContain("link.approve");
    expect(actions).toContain("user.mfa_recovery_codes_regenerated");
    expect(actions.filter((action) => !DESCRIBED_ACTIONS.includes(action))).toEqual([]);
  });

  it("names the target as it was", () => {
    expect(summaryOf(entry("link.approve", { name: "billing-db" }))).toBe("approved link billing-db");
    expect(summaryOf(entry("link.deny", { name: "orders" }, { reason: "Not ours" }))).toBe("denied link orders: Not ours");
    expect(summaryOf(entry("member.change_role", { type: "membership" }, { email: "ana@example.com", from: "member", to: "owner" }))).toBe(
      "made ana@example.com an owner",
    );
    expect(summaryOf(entry("region.create", { type: "region", id: "eu-west-1" }))).toBe("added region eu-west-1");
  });

  it("falls back on the metadata, then a short id, when the target has no name", () => {
    expect(summaryOf(entry("webhook.delete", { type: "webhook" }, { url: "https://hooks.example.com/x" }))).toBe("deleted webhook https://hooks.example.com/x");
    expect(summaryOf(entry("link.delete"))).toBe("deleted link 0b4c1c1e");
  });

  it("reads an action it does not know from its own words", () => {
    expect(summaryOf(entry("link.force_reconnect", { name: "billing-db" }))).toBe("force reconnect link billing-db");
    expect(summaryOf(entry("maintenance", { id: null }))).toBe("maintenance");
  });
});

describe("changesOf", () => {
  it("turns before/after objects into rows of what changed, leaving out what did not", () => {
    const { changes, details } = changesOf({
      before: { approvalMode: "manual", plan: "free", linkQuota: null },
      after: { approvalMode: "manual", plan: "team", linkQuota: 20 },
    });
    expect(changes).toEqual([
      { field: "Plan", before: "free", after: "team" },
      { field: "Link quota", before: "none", after: "20" },
    ]);
    expect(details).toEqual([]);
  });

  it("reads single values, a creation (before null), role and plan moves, and the rest as details", () => {
    expect(changesOf({ before: false, after: true }).changes).toEqual([{ field: "Value", before: "no", after: "yes" }]);
    expect(changesOf({ before: null, after: { ports: [443, 8443] } }).changes).toEqual([{ field: "Ports", before: "—", after: "443, 8443" }]);
    expect(changesOf({ email: "a@example.com", from: "owner", to: "member" })).toEqual({
      changes: [{ field: "Role", before: "owner", after: "member" }],
      details: [{ field: "Email", value: "a@example.com" }],
    });
    expect(changesOf({ currentPlan: "free", requestedPlan: "team", reason: null }).changes).toEqual([{ field: "Plan", before: "free", after: "team" }]);
    expect(changesOf({ scopes: ["read", "write"], endedSessions: 2, current: true }).details).toEqual([
      { field: "Scopes", value: "read, write" },
      { field: "Ended sessions", value: "2" },
      { field: "Current", value: "yes" },
    ]);
  });
});

describe("actorLabelOf", () => {
  it("names a person, a key, the system, and one no longer known", () => {
    expect(actorLabelOf({ type: "user", id: "u", name: "Ana Lima", email: "ana@example.com" })).toBe("Ana Lima");
    expect(actorLabelOf({ type: "user", id: "u", name: null, email: "ana@example.com" })).toBe("ana@example.com");
    expect(actorLabelOf({ type: "api_key", id: "k", name: "ci", email: "ana@example.com" })).toBe("API key ci");
    expect(actorLabelOf({ type: "system", id: null, name: null, email: null })).toBe("System");
    expect(actorLabelOf({ type: "user", id: "5f1d2c3b-aaaa", name: null, email: null })).toBe("A user no longer known (5f1d2c3b)");
  });
});

describe("the CSV", () => {
  const row: AuditLog = {
    id: "7d0f0f0f-0000-4000-8000-000000000000",
    organizationId: null,
    organizationName: "Acme",
    actorType: "user",
    actorId: "u-1",
    actorName: "Ana Lima",
    actorEmail: "ana@example.com",
    action: "organization.update",
    targetType: "organization",
    targetId: "o-1",
    targetName: "Acme",
    metadata: { before: { plan: "free" }, after: { plan: "team" } },
    requestId: "r-1",
    createdAt: new Date("2026-12-01T10:00:00.000Z"),
  };

  it("has the page's columns, then the ids, with names kept after the organization was deleted", () => {
    expect(CSV_COLUMNS.slice(0, 7)).toEqual(["created_at", "actor", "actor_email", "organization", "summary", "changes", "details"]);
    const line = csvLine(toAuditEntryView(row));
    expect(line).toBe(
      "2026-12-01T10:00:00.000Z,Ana Lima,ana@example.com,Acme,changed the organization's settings,Plan: free → team,,user,u-1,,organization.update,organization,o-1,r-1\r\n",
    );
    expect(line.split(",")).toHaveLength(CSV_COLUMNS.length);
  });
});
