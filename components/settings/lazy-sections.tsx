"use client";

import { lazy, Suspense, type ComponentType } from "react";

// Settings loads these sections after the rest of the page: with them in its first chunks it would go over the client
// JavaScript budget (scripts/client-js-budget.ts).
function lazySection<P extends object>(load: () => Promise<ComponentType<P>>, what: string) {
  const Section = lazy(async () => ({ default: await load() }));
  return function LazySection(props: P) {
    return (
      <Suspense
        fallback={
          <p role="status" className="text-sm text-slate-500">
            Loading {what}…
          </p>
        }
      >
        <Section {...props} />
      </Suspense>
    );
  };
}

export const LazyWebhooksSection = lazySection(async () => (await import("./webhooks-section")).WebhooksSection, "webhooks");
export const LazySsoSection = lazySection(async () => (await import("./sso-section")).SsoSection, "single sign-on settings");
export const LazyNotificationsSection = lazySection(
  async () => (await import("@/components/notifications/notifications-section")).NotificationsSection,
  "email notifications",
);
export const LazyAccountSection = lazySection(async () => (await import("./account-section")).AccountSection, "your account");
export const LazySecuritySection = lazySection(async () => (await import("./security-section")).SecuritySection, "security settings");
