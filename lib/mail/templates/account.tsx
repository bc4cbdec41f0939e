import type { MailData } from "@/lib/mail/messages";
import { MailLayout, Paragraph, PRODUCT_NAME } from "./layout";

const SECURITY_FOOTER = `${PRODUCT_NAME} sends this to the address of an account. If you did not ask for it, you can ignore it: nothing changes until the link is followed.`;

export const verifyEmail = {
  subject: () => `Confirm your email address for ${PRODUCT_NAME}`,
  Body: ({ url }: MailData["verify-email"]) => (
    <MailLayout
      preview="Confirm your email address"
      heading="Confirm your email address"
      action={{ label: "Confirm my address", url }}
      footer={SECURITY_FOOTER}
    >
      <Paragraph>Confirm that this address is yours to finish setting up your account. Until then you cannot register private links.</Paragraph>
    </MailLayout>
  ),
};

export const passwordReset = {
  subject: () => `Reset your ${PRODUCT_NAME} password`,
  Body: ({ url, expiresInMinutes }: MailData["password-reset"]) => (
    <MailLayout preview="Choose a new password" heading="Reset your password" action={{ label: "Choose a new password", url }} footer={SECURITY_FOOTER}>
      <Paragraph>
        Someone, hopefully you, asked to reset the password of the account with this address. The link works once, within {expiresInMinutes} minutes, and signs
        out every session of the account.
      </Paragraph>
    </MailLayout>
  ),
};

export const signUpExisting = {
  subject: () => `Someone tried to sign up to ${PRODUCT_NAME} with your address`,
  Body: ({ signInUrl, resetUrl }: MailData["sign-up-existing"]) => (
    <MailLayout
      preview="Your address already has an account"
      heading="Your address already has an account"
      action={{ label: "Sign in", url: signInUrl }}
      footer={SECURITY_FOOTER}
    >
      <Paragraph>Someone signed up with this address, which already has an account. Nothing was created or changed, and they were not signed in.</Paragraph>
      <Paragraph>If it was you, sign in instead. If you forgot your password, choose a new one: {resetUrl}</Paragraph>
    </MailLayout>
  ),
};

const METHOD_NAMES: Record<MailData["mfa-changed"]["method"], string> = {
  totp: "an authenticator app",
  passkey: "a passkey",
  "recovery-codes": "your recovery codes",
};

const CHANGES: Record<MailData["mfa-changed"]["change"], string> = { enrolled: "added", removed: "removed", regenerated: "replaced" };

export const mfaChanged = {
  subject: ({ method, change }: MailData["mfa-changed"]) => `${PRODUCT_NAME}: ${METHOD_NAMES[method]} ${CHANGES[change]}`,
  Body: ({ method, change }: MailData["mfa-changed"]) => (
    <MailLayout
      preview={`Your sign-in changed: ${METHOD_NAMES[method]} ${CHANGES[change]}`}
      heading="Your sign-in changed"
      footer={`${PRODUCT_NAME} tells you of every change to how your account signs in.`}
    >
      <Paragraph>
        {METHOD_NAMES[method].replace(/^./, (c) => c.toUpperCase())} was {CHANGES[change]} for your account&apos;s second sign-in step.
      </Paragraph>
      <Paragraph>If you did not do this, change your password now and tell your organization&apos;s owner or the vendor.</Paragraph>
    </MailLayout>
  ),
};
