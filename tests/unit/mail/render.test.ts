import { describe, expect, it } from "vitest";
import type { MailData, MailTemplate } from "@/lib/mail/messages";
import { renderMail } from "@/lib/mail/render";
import { mailIdOfMessageId, messageIdOf } from "@/lib/mail/settings";

const APP = "https://portal.example.com";
const notification = {
  organizationName: "Acme",
  linkName: "orders-db",
  url: `${APP}/links/1`,
  detail: "Connection rejected by the service owner",
  settingsUrl: `${APP}/settings#notifications`,
  unsubscribeUrl: `${APP}/unsubscribe/tok`,
  oneClickUrl: `${APP}/api/v1/unsubscribe/tok`,
};

// One example per template: each must show its main URL in both parts.
const EXAMPLES: { [T in MailTemplate]: { data: MailData[T]; url: string } } = {
  "verify-email": { data: { url: `${APP}/verify-email/v` }, url: `${APP}/verify-email/v` },
  "password-reset": { data: { url: `${APP}/reset-password/r`, expiresInMinutes: 30 }, url: `${APP}/reset-password/r` },
  "sign-up-existing": { data: { signInUrl: `${APP}/sign-in`, resetUrl: `${APP}/forgot-password` }, url: `${APP}/sign-in` },
  "mfa-changed": { data: { method: "totp", change: "enrolled" }, url: "" },
  invitation: {
    data: { organizationName: "Acme", invitedBy: "Ada", role: "member", url: `${APP}/invitations/inv_1`, expiresAt: "2026-12-31T00:00:00.000Z" },
    url: `${APP}/invitations/inv_1`,
  },
  "upgrade-answered": {
    data: { organizationName: "Acme", plan: "Enterprise", outcome: "denied", reason: "Talk to sales first", url: `${APP}/setup` },
    url: `${APP}/setup`,
  },
  "link-needs-acceptance": { data: { ...notification, serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-1" }, url: notification.url },
  "link-available": { data: notification, url: notification.url },
  "link-rejected": { data: notification, url: notification.url },
  "link-disconnected": { data: notification, url: notification.url },
  "link-degraded": { data: notification, url: notification.url },
  "approvals-waiting": {
    data: {
      waiting: 2,
      examples: ["orders-db (Acme)"],
      url: `${APP}/admin/approvals`,
      settingsUrl: notification.settingsUrl,
      unsubscribeUrl: notification.unsubscribeUrl,
      oneClickUrl: notification.oneClickUrl,
    },
    url: `${APP}/admin/approvals`,
  },
};

describe("mail templates", () => {
  for (const [template, { data, url }] of Object.entries(EXAMPLES) as [MailTemplate, { data: MailData[MailTemplate]; url: string }][]) {
    it(`${template}: a subject, and the link in the HTML and in the text`, async () => {
      const mail = await renderMail(template, data);
      expect(mail.subject.length).toBeGreaterThan(5);
      expect(mail.html).toMatch(/^<!DOCTYPE html/);
      expect(mail.text).toContain("PrivateLink portal");
      expect(mail.html).not.toContain("undefined");
      expect(mail.text).not.toContain("undefined");
      if (url) {
        expect(mail.html).toContain(`href="${url}"`);
        expect(mail.text).toContain(url);
      }
      if ("unsubscribeUrl" in data) expect(mail.text).toContain(data.unsubscribeUrl);
    });
  }

  it("escapes what people typed (an organization's name)", async () => {
    const mail = await renderMail("invitation", { ...EXAMPLES.invitation.data, organizationName: "<script>alert(1)</script>" });
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&lt;script&gt;");
  });
});

describe("Message-ID", () => {
  it("is the row's id at APP_URL's host, and reads back", () => {
    const id = "0b7c6a3e-1d2f-4a5b-8c9d-0e1f2a3b4c5d";
    expect(messageIdOf(id, "https://portal.example.com:8443/base")).toBe(`<${id}@portal.example.com>`);
    expect(mailIdOfMessageId(messageIdOf(id, APP))).toBe(id);
    expect(mailIdOfMessageId("<abc@example.com>")).toBeNull();
    expect(mailIdOfMessageId("<../../etc/passwd@x>")).toBeNull();
    expect(mailIdOfMessageId(undefined)).toBeNull();
  });
});
