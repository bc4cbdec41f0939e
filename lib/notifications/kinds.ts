import { z } from "zod";

// What the portal mails people about, each a choice of theirs (on unless they turned it off). Client-safe: Settings reads it.

export const NOTIFICATION_KINDS = [
  "link_needs_acceptance",
  "link_available",
  "link_rejected",
  "link_disconnected",
  "link_degraded",
  "approvals_waiting",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const notificationKindSchema = z.enum(NOTIFICATION_KINDS).meta({ id: "NotificationKind" });

/** Who gets each kind, and how Settings names it. */
export const NOTIFICATION_KIND_INFO: Record<NotificationKind, { audience: "members" | "admins"; label: string }> = {
  link_needs_acceptance: { audience: "members", label: "A link waits for you to accept its connection in your AWS account" },
  link_available: { audience: "members", label: "A link becomes available" },
  link_rejected: { audience: "members", label: "A link's connection is rejected or expires" },
  link_disconnected: { audience: "members", label: "A link is disconnected" },
  link_degraded: { audience: "members", label: "A link's probes find it degraded" },
  approvals_waiting: { audience: "admins", label: "Links wait for a vendor admin's approval" },
};

const choices = Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, z.boolean()])) as Record<NotificationKind, z.ZodBoolean>;

export const notificationPreferencesSchema = z
  .strictObject(choices)
  .describe("For each kind of notification, whether you get it by email. Vendor admins only ever get `approvals_waiting`; customers the others.")
  .meta({ id: "NotificationPreferences" });
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

export const updateNotificationPreferencesInputSchema = z
  .strictObject(Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, z.boolean().optional()])) as Record<NotificationKind, z.ZodOptional<z.ZodBoolean>>)
  .refine((input) => Object.values(input).some((value) => value !== undefined), { message: "Name at least one kind of notification" })
  .meta({ id: "UpdateNotificationPreferencesInput" });
export type UpdateNotificationPreferencesInput = z.infer<typeof updateNotificationPreferencesInputSchema>;

export const unsubscribeTokenSchema = z.string().regex(/^[\w.-]{1,200}$/, "Not an unsubscribe link of ours");

export const unsubscribedSchema = z.strictObject({ kind: notificationKindSchema, label: z.string(), isEnabled: z.literal(false) }).meta({ id: "Unsubscribed" });
export type Unsubscribed = z.infer<typeof unsubscribedSchema>;
