// What each template needs (the outbox's contract, lib/mail/outbox.ts); every URL is absolute (APP_URL). A message whose data
// carries `oneClickUrl` is sent with RFC 8058's one-click unsubscribe headers naming it.

export type NotificationMail = {
  organizationName: string;
  linkName: string;
  /** The link's page in the portal (or the admin console's approvals, for vendor admins). */
  url: string;
  /** Why, in the customer's words (the link's last error or the reason of its transition), when there is one. */
  detail: string | null;
  settingsUrl: string;
  /** The page, with a button, that the message's own unsubscribe link opens. */
  unsubscribeUrl: string;
  /** Where a mail client POSTs `List-Unsubscribe=One-Click` (RFC 8058). */
  oneClickUrl: string;
};

export type MailData = {
  "verify-email": { url: string };
  "password-reset": { url: string; expiresInMinutes: number };
  "sign-up-existing": { signInUrl: string; resetUrl: string };
  "mfa-changed": { method: "totp" | "passkey" | "recovery-codes"; change: "enrolled" | "removed" | "regenerated" };
  invitation: { organizationName: string; invitedBy: string | null; role: string; url: string; expiresAt: string };
  "upgrade-answered": { organizationName: string; plan: string; outcome: "approved" | "denied"; reason: string | null; url: string };
  "link-needs-acceptance": NotificationMail & { serviceName: string };
  "link-available": NotificationMail;
  "link-rejected": NotificationMail;
  "link-disconnected": NotificationMail;
  "link-degraded": NotificationMail;
  "approvals-waiting": Omit<NotificationMail, "organizationName" | "linkName" | "detail"> & { waiting: number; examples: string[] };
};

export type MailTemplate = keyof MailData;
