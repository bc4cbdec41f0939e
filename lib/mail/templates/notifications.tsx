import type { MailData, NotificationMail } from "@/lib/mail/messages";
import { MailLayout, NotificationFooter, Paragraph } from "./layout";

// A link's news, for the members of its organization (lib/notifications chooses who); each says what happened and what to do.

type LinkNews = { subject: string; heading: string; lines: string[]; action: string };

function linkNotification<T extends NotificationMail>(what: string, news: (data: T) => LinkNews) {
  return {
    subject: (data: T) => news(data).subject,
    Body: (data: T) => {
      const { heading, lines, action } = news(data);
      return (
        <MailLayout
          preview={heading}
          heading={heading}
          action={{ label: action, url: data.url }}
          footer={<NotificationFooter settingsUrl={data.settingsUrl} unsubscribeUrl={data.unsubscribeUrl} what={what} />}
        >
          {lines.map((line) => (
            <Paragraph key={line}>{line}</Paragraph>
          ))}
          {data.detail && <Paragraph>Details: {data.detail}</Paragraph>}
        </MailLayout>
      );
    },
  };
}

export const linkNeedsAcceptance = linkNotification<MailData["link-needs-acceptance"]>("notifications of links waiting for you", (d) => ({
  subject: `Accept the connection of ${d.linkName}`,
  heading: `${d.linkName} waits for you to accept it`,
  lines: [
    `Our endpoint for ${d.linkName} (${d.organizationName}) asked to connect to your endpoint service ${d.serviceName}.`,
    "Accept the connection request in your AWS account (VPC console, Endpoint services, Endpoint connections) so the link becomes available. Requests not accepted expire.",
  ],
  action: "Open the link",
}));

export const linkAvailable = linkNotification<MailData["link-available"]>("notifications of links becoming available", (d) => ({
  subject: `${d.linkName} is available`,
  heading: `${d.linkName} is available`,
  lines: [`The private link ${d.linkName} of ${d.organizationName} is connected. Its DNS names are on the link's page.`],
  action: "See the DNS names",
}));

export const linkRejected = linkNotification<MailData["link-rejected"]>("notifications of rejected links", (d) => ({
  subject: `${d.linkName} was rejected`,
  heading: `The connection of ${d.linkName} was rejected`,
  lines: [
    `The endpoint service owner rejected the connection of ${d.linkName} (${d.organizationName}), or the request expired.`,
    "If that was a mistake, open the link and Reconnect, then accept the new request.",
  ],
  action: "Open the link",
}));

export const linkDisconnected = linkNotification<MailData["link-disconnected"]>("notifications of disconnected links", (d) => ({
  subject: `${d.linkName} was disconnected`,
  heading: `${d.linkName} was disconnected`,
  lines: [
    `The connection of ${d.linkName} (${d.organizationName}) was revoked in the service's AWS account, or its endpoint is gone. Nothing flows through it now.`,
  ],
  action: "Open the link",
}));

export const linkDegraded = linkNotification<MailData["link-degraded"]>("notifications of degraded links", (d) => ({
  subject: `${d.linkName} is degraded`,
  heading: `${d.linkName} does not carry traffic as it should`,
  lines: [`Our probes through ${d.linkName} (${d.organizationName}) failed in at least one zone or port: the link is up in AWS but bytes do not all flow.`],
  action: "See what the probes found",
}));

export const approvalsWaiting = {
  subject: ({ waiting }: MailData["approvals-waiting"]) => (waiting === 1 ? "A link waits for your approval" : `${waiting} links wait for your approval`),
  Body: ({ waiting, examples, url, settingsUrl, unsubscribeUrl }: MailData["approvals-waiting"]) => (
    <MailLayout
      preview={`${waiting} waiting for approval`}
      heading={waiting === 1 ? "A link waits for your approval" : `${waiting} links wait for your approval`}
      action={{ label: "Review the approvals", url }}
      footer={<NotificationFooter settingsUrl={settingsUrl} unsubscribeUrl={unsubscribeUrl} what="notifications of approvals waiting" />}
    >
      <Paragraph>Customers registered private links that need a vendor admin to approve or deny them before anything is provisioned.</Paragraph>
      {examples.length > 0 && <Paragraph>Among them: {examples.join(", ")}.</Paragraph>}
    </MailLayout>
  ),
};
