import "server-only";
import type { JobDefinition } from "@/lib/jobs/define";
import { deleteLinkJob } from "@/lib/links/delete-link";
import { endpointDetailsJob } from "@/lib/links/endpoint-details";
import { deleteOrphanJob } from "@/lib/links/orphan-delete";
import { probeLinkJob } from "@/lib/links/probes/probe-link";
import { sweepProbesJob } from "@/lib/links/probes/schedule";
import { provisionLinkJob } from "@/lib/links/provision-link";
import { reconcileLinksJob } from "@/lib/links/reconcile-links";
import { releaseEndpointJob } from "@/lib/links/release-endpoint";
import { verifyLinkJob } from "@/lib/links/verify-link";
import { sendMailJob } from "@/lib/mail/outbox";
import { sampleQueuesJob } from "@/lib/metrics/queues";
import { dispatchNotificationsJob } from "@/lib/notifications/dispatch";
import { setUpOrganizationPrincipalJob } from "@/lib/orgs/principal";
import { deliverWebhookJob } from "@/lib/webhooks/deliver-webhook";
import { dispatchWebhooksJob } from "@/lib/webhooks/dispatch";

// What the worker runs and start-up makes queues for; the only place that knows every job, so lib/jobs knows no domain.
export const ALL_JOBS: readonly JobDefinition[] = [
  setUpOrganizationPrincipalJob,
  verifyLinkJob,
  provisionLinkJob,
  deleteLinkJob,
  endpointDetailsJob,
  reconcileLinksJob,
  releaseEndpointJob,
  deleteOrphanJob,
  sweepProbesJob,
  probeLinkJob,
  dispatchWebhooksJob,
  deliverWebhookJob,
  sampleQueuesJob,
  sendMailJob,
  dispatchNotificationsJob,
];
