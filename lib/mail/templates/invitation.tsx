import type { MailData } from "@/lib/mail/messages";
import { MailLayout, Paragraph, PRODUCT_NAME } from "./layout";

export const invitation = {
  subject: ({ organizationName }: MailData["invitation"]) => `You are invited to ${organizationName} on ${PRODUCT_NAME}`,
  Body: ({ organizationName, invitedBy, role, url, expiresAt }: MailData["invitation"]) => (
    <MailLayout
      preview={`Join ${organizationName} as ${role}`}
      heading={`Join ${organizationName}`}
      action={{ label: "Accept the invitation", url }}
      footer={`The invitation is for this address only. If you did not expect it, ignore it: nothing happens unless it is accepted.`}
    >
      <Paragraph>
        {invitedBy ?? "An owner"} invited you to {organizationName} on {PRODUCT_NAME} as {role === "owner" ? "an owner" : "a member"}.
      </Paragraph>
      <Paragraph>The link works once, until {expiresAt.slice(0, 10)}. Sign in with this address, or create an account with it, to accept.</Paragraph>
    </MailLayout>
  ),
};
