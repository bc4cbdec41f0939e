// Each component from its own package: `@react-email/components` also brings Tailwind and Prism, 1.4 MB the worker would carry.
import { Body } from "@react-email/body";
import { Button } from "@react-email/button";
import { Container } from "@react-email/container";
import { Head } from "@react-email/head";
import { Heading } from "@react-email/heading";
import { Hr } from "@react-email/hr";
import { Html } from "@react-email/html";
import { Link } from "@react-email/link";
import { Preview } from "@react-email/preview";
import { Section } from "@react-email/section";
import { Text } from "@react-email/text";
import type { ReactNode } from "react";

// Every message: plain, readable without images or styles (the text part is rendered from the same tree), the product's name,
// one button whose URL also shows as text, and a footer saying why it came.

export const PRODUCT_NAME = "PrivateLink portal";

const styles = {
  body: { backgroundColor: "#f6f7f9", fontFamily: "-apple-system, 'Segoe UI', Helvetica, Arial, sans-serif", color: "#1f2328" },
  container: { backgroundColor: "#ffffff", margin: "24px auto", padding: "24px", maxWidth: "560px", borderRadius: "6px" },
  product: { fontSize: "13px", color: "#57606a", margin: "0 0 8px" },
  heading: { fontSize: "20px", margin: "0 0 16px" },
  text: { fontSize: "15px", lineHeight: "22px", margin: "0 0 12px" },
  button: { backgroundColor: "#1f6feb", color: "#ffffff", padding: "10px 16px", borderRadius: "6px", fontSize: "15px" },
  url: { fontSize: "13px", color: "#57606a", wordBreak: "break-all" as const },
  footer: { fontSize: "12px", color: "#57606a", lineHeight: "18px", margin: "0" },
};

export function MailLayout({
  preview,
  heading,
  action,
  footer,
  children,
}: {
  preview: string;
  heading: string;
  action?: { label: string; url: string };
  footer: ReactNode;
  children: ReactNode;
}) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.product}>{PRODUCT_NAME}</Text>
          <Heading as="h1" style={styles.heading}>
            {heading}
          </Heading>
          {children}
          {action && (
            <Section style={{ margin: "20px 0" }}>
              <Button href={action.url} style={styles.button}>
                {action.label}
              </Button>
              <Text style={styles.url}>
                Or open this address: <Link href={action.url}>{action.url}</Link>
              </Text>
            </Section>
          )}
          <Hr />
          <Text style={styles.footer}>{footer}</Text>
        </Container>
      </Body>
    </Html>
  );
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={styles.text}>{children}</Text>;
}

/** The footer of a notification: how to choose which ones arrive, and the one-click way out of this kind. */
export function NotificationFooter({ settingsUrl, unsubscribeUrl, what }: { settingsUrl: string; unsubscribeUrl: string; what: string }) {
  return (
    <>
      You receive this because you get {what} from {PRODUCT_NAME}. Choose which notifications you get in <Link href={settingsUrl}>{settingsUrl}</Link>, or stop
      these at once: <Link href={unsubscribeUrl}>{unsubscribeUrl}</Link>
    </>
  );
}
