import type { MailData } from "@/lib/mail/messages";
import { MailLayout, Paragraph, PRODUCT_NAME } from "./layout";

export const upgradeAnswered = {
  subject: ({ plan, outcome }: MailData["upgrade-answered"]) => `Your request for the ${plan} plan was ${outcome}`,
  Body: ({ organizationName, plan, outcome, reason, url }: MailData["upgrade-answered"]) => (
    <MailLayout
      preview={`${plan} plan: ${outcome}`}
      heading={outcome === "approved" ? `${organizationName} is on the ${plan} plan` : `Your request for the ${plan} plan was declined`}
      action={{ label: "Open the portal", url }}
      footer={`You asked for this plan for ${organizationName} in ${PRODUCT_NAME}; this is our answer.`}
    >
      <Paragraph>
        {outcome === "approved"
          ? `We approved your request: ${organizationName} now has what the ${plan} plan allows.`
          : `We did not approve the request for the ${plan} plan for ${organizationName}.`}
      </Paragraph>
      {reason ? <Paragraph>Our answer: {reason}</Paragraph> : null}
    </MailLayout>
  ),
};
