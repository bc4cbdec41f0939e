import { z } from "zod";
import { linkKindSchema, linkStateSchema } from "@/lib/links/schemas";

export const METRICS_WINDOW_HOURS = 48;

const perHour = (what: string) => z.array(z.number()).describe(`${what}, one value per hour of \`hours\`.`);
const sampledPerHour = (what: string) =>
  z.array(z.number().nullable()).describe(`${what}, per hour of \`hours\`; null when no worker sampled the queues that hour.`);

export const adminMetricsSchema = z
  .object({
    hours: z.array(z.iso.datetime()).describe(`The start of each hour of the last ${METRICS_WINDOW_HOURS}, oldest first (UTC).`),
    linksByState: z.array(z.object({ state: linkStateSchema, region: z.string(), count: z.number().int() })).describe("Links now, not deleted."),
    linksByKind: z
      .array(z.object({ kind: linkKindSchema, count: z.number().int() }))
      .describe("Links now, not deleted, by kind (an endpoint service or a resource configuration); kinds without any left out."),
    registerToAvailable: z.object({
      p50Seconds: z
        .array(z.number().nullable())
        .describe("Median register-to-available time of the links that became available that hour; null when none did."),
      p90Seconds: z.array(z.number().nullable()),
      count: perHour("Links that became available"),
    }),
    errors: z.object({
      failed: perHour("Links that moved to failed (an AWS error that retrying does not fix, or an endpoint lost)"),
      verificationFailed: perHour("Verifications that failed"),
      retrying: sampledPerHour("The most jobs waiting to run again after an error (AWS throttling or an outage, mostly)"),
    }),
    queues: z.object({
      depth: sampledPerHour("The most jobs waiting to run, all queues"),
      oldestSeconds: sampledPerHour("The longest a waiting job had waited"),
      sampleEveryMinutes: z.number(),
    }),
    iamRoles: z
      .object({
        used: z.number().int().nullable().describe("IAM roles in the vendor account now, every organization's and any other (IAM's `Roles`)."),
        quota: z.number().int().nullable().describe("The account's quota of roles (IAM's `RolesQuota`; AWS's default is 1000)."),
        creationsPerHour: z.number().int().describe("The portal's cap on the roles it creates an hour (`IAM_ROLE_CREATIONS_PER_HOUR`); more wait."),
        unavailable: z.string().nullable().describe("Why IAM could not be asked (then `used` and `quota` are null); null when it answered."),
      })
      .describe("The headroom of the vendor account's IAM roles quota, from iam:GetAccountSummary: organizations get no principal once it is spent."),
  })
  .meta({ id: "AdminMetrics" });
export type AdminMetrics = z.infer<typeof adminMetricsSchema>;
