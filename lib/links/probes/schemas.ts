import { z } from "zod";

/** What a probe finds, per name it resolves and per port it tries (docs/CONNECTIVITY.md). */

export const PROBE_RESULTS = ["ok", "refused", "reset", "timeout", "dns_error", "tls_error"] as const;
export type ProbeResult = (typeof PROBE_RESULTS)[number];

export const TLS_FAILURES = ["name_mismatch", "expired", "not_yet_valid", "handshake_failed"] as const;
export type TlsFailure = (typeof TLS_FAILURES)[number];

export const PROBE_TRIGGERS = ["available", "schedule", "manual"] as const;
export type ProbeTrigger = (typeof PROBE_TRIGGERS)[number];

export const probePortSchema = z
  .object({
    port: z.number().int(),
    result: z.enum(PROBE_RESULTS),
    connectMs: z.number().nullable().describe("TCP connect time in milliseconds, when the connection opened."),
    detail: z.string().nullable().describe("What failed, as the probe saw it (an errno, a DNS answer, a TLS alert)."),
    tls: z
      .object({
        names: z.array(z.string()).describe("The names the certificate holds (subject alternative names, else the common name)."),
        notAfter: z.iso.datetime().nullable(),
        failure: z.enum(TLS_FAILURES).nullable(),
      })
      .nullable()
      .describe("On a TLS port only: what the handshake showed."),
  })
  .meta({ id: "ProbePort" });
export type ProbePort = z.infer<typeof probePortSchema>;

export const probeTargetSchema = z
  .object({
    name: z.string().describe("The DNS name probed."),
    kind: z.enum(["regional", "zonal"]),
    availabilityZone: z.string().nullable().describe("Zonal names: the zone whose endpoint address the name resolves to."),
    addresses: z.array(z.string()),
    ports: z.array(probePortSchema).describe("Empty when the name did not resolve (the target's result is then dns_error)."),
    dnsError: z.string().nullable(),
  })
  .meta({ id: "ProbeTarget" });
export type ProbeTarget = z.infer<typeof probeTargetSchema>;

export const diagnosisSchema = z
  .object({
    code: z.string().describe("Stable id of the finding (docs/CONNECTIVITY.md lists them)."),
    cause: z.string().describe("The likely cause, in the customer's words."),
    check: z.string().describe("What to check or change on the customer's side."),
    zones: z.array(z.string()).describe("The zones the finding is about; empty when it is about all of them."),
    ports: z.array(z.number().int()),
  })
  .meta({ id: "ConnectivityDiagnosis" });
export type Diagnosis = z.infer<typeof diagnosisSchema>;

export const CONNECTIVITY_STATUSES = ["ok", "degraded", "pending", "off"] as const;

export const linkConnectivitySchema = z
  .object({
    status: z
      .enum(CONNECTIVITY_STATUSES)
      .describe("ok: every zone answered on every port; degraded: some did not; pending: not probed yet; off: the link has no endpoint or probes are off."),
    checkedAt: z.iso.datetime().nullable(),
    nextCheckAt: z.iso.datetime().nullable(),
    targets: z.array(probeTargetSchema),
    diagnosis: z.array(diagnosisSchema).describe("Ranked, most likely first; empty when status is ok."),
  })
  .meta({ id: "LinkConnectivity" });
export type LinkConnectivity = z.infer<typeof linkConnectivitySchema>;

export const connectivityProbeSchema = z
  .object({
    id: z.string(),
    linkId: z.uuid(),
    trigger: z.enum(PROBE_TRIGGERS),
    status: z.enum(["ok", "degraded"]),
    startedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime(),
    targets: z.array(probeTargetSchema),
    diagnosis: z.array(diagnosisSchema),
  })
  .meta({ id: "ConnectivityProbe" });
export type ConnectivityProbe = z.infer<typeof connectivityProbeSchema>;

export const connectivityProbePageSchema = z
  .object({ data: z.array(connectivityProbeSchema), nextCursor: z.string().nullable() })
  .meta({ id: "ConnectivityProbePage" });
