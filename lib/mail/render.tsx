import "server-only";
import { render } from "@react-email/render";
import type { ReactElement } from "react";
import type { MailData, MailTemplate } from "./messages";
import { mfaChanged, passwordReset, signUpExisting, verifyEmail } from "./templates/account";
import { invitation } from "./templates/invitation";
import { upgradeAnswered } from "./templates/upgrade-answered";
import { approvalsWaiting, linkAvailable, linkDegraded, linkDisconnected, linkNeedsAcceptance, linkRejected } from "./templates/notifications";

type TemplateOf<T extends MailTemplate> = { subject: (data: MailData[T]) => string; Body: (data: MailData[T]) => ReactElement };

const TEMPLATES: { [T in MailTemplate]: TemplateOf<T> } = {
  "verify-email": verifyEmail,
  "password-reset": passwordReset,
  "sign-up-existing": signUpExisting,
  "mfa-changed": mfaChanged,
  invitation,
  "upgrade-answered": upgradeAnswered,
  "link-needs-acceptance": linkNeedsAcceptance,
  "link-available": linkAvailable,
  "link-rejected": linkRejected,
  "link-disconnected": linkDisconnected,
  "link-degraded": linkDegraded,
  "approvals-waiting": approvalsWaiting,
};

export type RenderedMail = { subject: string; html: string; text: string };

export function isMailTemplate(name: string): name is MailTemplate {
  return Object.hasOwn(TEMPLATES, name);
}

/** The subject and both parts; the text part is rendered from the same tree, so it carries every link the HTML does. */
export async function renderMail<T extends MailTemplate>(template: T, data: MailData[T]): Promise<RenderedMail> {
  const definition: TemplateOf<T> = TEMPLATES[template];
  const element = definition.Body(data);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: definition.subject(data), html, text };
}
