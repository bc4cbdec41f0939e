import { z } from "zod";
import { pageQuerySchema } from "@/lib/page-query";

/** The audit log as vendor admins read and export it: one row per human, API key or system action. */

export const auditFiltersSchema = z.object({
  actorType: z.enum(["user", "api_key", "system"], { error: "Expected user, api_key or system" }).optional().describe("Only actions by this kind of actor."),
  actorId: z.string().trim().min(1).max(100).optional().describe("Only actions by this user or API key (its id)."),
  organizationId: z.uuid("Expected an organization id").optional().describe("Only actions about this organization."),
  action: z
    .string()
    .trim()
    .regex(/^[a-z_.]{1,100}$/, "Expected an action such as link.approve, or a prefix such as link.")
    .optional()
    .describe("Only this action (link.approve), or every action under a prefix ending in a dot (link.)."),
  from: z.iso.datetime({ error: "Expected an ISO 8601 time" }).optional().describe("Only actions at or after this time."),
  to: z.iso.datetime({ error: "Expected an ISO 8601 time" }).optional().describe("Only actions before this time."),
});
export type AuditFilters = z.infer<typeof auditFiltersSchema>;

export const auditQuerySchema = pageQuerySchema(50).extend(auditFiltersSchema.shape);
export type AuditQuery = z.infer<typeof auditQuerySchema>;

const changeSchema = z.object({ field: z.string(), before: z.string(), after: z.string() }).meta({ id: "AuditChange" });
const detailSchema = z.object({ field: z.string(), value: z.string() }).meta({ id: "AuditDetail" });

export const auditEntryViewSchema = z
  .object({
    id: z.uuid(),
    createdAt: z.iso.datetime(),
    actor: z.object({
      type: z.enum(["user", "api_key", "system"]),
      id: z.string().nullable(),
      name: z.string().nullable().describe("A person's name, or an API key's name; as they were at the time."),
      email: z.string().nullable().describe("A person's email, or the email of the API key's maker; as it was at the time."),
    }),
    organizationId: z.uuid().nullable(),
    organization: z
      .object({
        id: z.uuid().nullable().describe("null once the organization is deleted."),
        name: z.string(),
      })
      .nullable()
      .describe("The organization the action was about, named as it was at the time; null for actions about none."),
    action: z.string(),
    target: z.object({
      type: z.string().nullable(),
      id: z.string().nullable(),
      name: z.string().nullable().describe("A link's or key's name, a member's email, a webhook's URL: as it was at the time."),
    }),
    summary: z.string().describe('What happened, as a sentence without its subject: "approved link billing-db".'),
    changes: z.array(changeSchema).describe("What changed, field by field, as text."),
    details: z.array(detailSchema).describe("The rest of the metadata, field by field, as text."),
    metadata: z.record(z.string(), z.unknown()).describe("What changed, e.g. before and after, as recorded."),
    requestId: z.string().nullable().describe("The request that caused it: the same id is in the logs and the job payloads."),
  })
  .meta({ id: "AuditEntry" });
export type AuditEntryView = z.infer<typeof auditEntryViewSchema>;

export const auditPageSchema = z.object({ data: z.array(auditEntryViewSchema), nextCursor: z.string().nullable() }).meta({ id: "AuditEntryPage" });
