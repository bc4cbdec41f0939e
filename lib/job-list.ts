import "server-only";
import type { JobDefinition } from "@/lib/jobs/define";
import { deleteLinkJob } from "@/lib/links/delete-link";
import { provisionLinkJob } from "@/lib/links/provision-link";
import { reconcileLinksJob } from "@/lib/links/reconcile-links";
import { verifyLinkJob } from "@/lib/links/verify-link";
import { sampleQueuesJob } from "@/lib/metrics/queues";
import { setUpOrganizationPrincipalJob } from "@/lib/orgs/principal";
import { deliverWebhookJob } from "@/lib/webhooks/deliver-webhook";
import { dispatchWebhooksJob } from "@/lib/webhooks/dispatch";

/**
 * Every job of the product: what `npm run worker` runs and whose queues start-up creates. Each
 * definition lives beside its handler in the domain that owns it (lib/jobs/define.ts); this list
 * is the only place that knows them all, so lib/jobs itself knows no domain.
 */
export const ALL_JOBS: readonly JobDefinition[] = [
  setUpOrganizationPrincipalJob,
  verifyLinkJob,
  provisionLinkJob,
  deleteLinkJob,
  reconcileLinksJob,
  dispatchWebhooksJob,
  deliverWebhookJob,
  sampleQueuesJob,
];
