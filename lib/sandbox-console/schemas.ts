import { z } from "zod";

// Client-safe: shared by the routes and the /sandbox page.

export const regionSchema = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "Expected a region such as us-east-1");
const serviceIdSchema = z.string().regex(/^vpce-svc-[0-9a-f]{17}$/, "Expected an endpoint service id such as vpce-svc-0123456789abcdef0");
const endpointIdSchema = z.string().regex(/^vpce-[0-9a-f]{17}$/, "Expected an endpoint id such as vpce-0123456789abcdef0");

/** The account is always the organization's own sandbox account, never the client's choice. */
export const consoleScopeSchema = z.object({ region: regionSchema });
export type ConsoleScope = z.infer<typeof consoleScopeSchema>;

export const createSandboxServiceInputSchema = consoleScopeSchema.extend({
  name: z
    .string({ error: "Name the load balancer" })
    .trim()
    .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/, "1 to 32 letters, digits and hyphens, not starting or ending with a hyphen"),
  acceptanceRequired: z.boolean().default(true),
  allowOrganizationPrincipal: z.boolean().default(true),
});
export type CreateSandboxServiceInput = z.infer<typeof createSandboxServiceInputSchema>;

export const allowPrincipalInputSchema = consoleScopeSchema.extend({
  serviceId: serviceIdSchema,
  principalArn: z
    .string({ error: "Enter an IAM principal ARN" })
    .trim()
    .regex(/^(\*|arn:aws:iam::\d{12}:(root|role\/[\w+=,.@/-]+))$/, "Expected an IAM role ARN, arn:aws:iam::<account>:root, or *"),
});
export type AllowPrincipalInput = z.infer<typeof allowPrincipalInputSchema>;

export const connectionActionInputSchema = consoleScopeSchema.extend({
  serviceId: serviceIdSchema,
  endpointId: endpointIdSchema,
  action: z.enum(["accept", "reject"]).describe("reject also revokes an accepted connection"),
});
export type ConnectionActionInput = z.infer<typeof connectionActionInputSchema>;

export const deleteSandboxServiceInputSchema = consoleScopeSchema.extend({ serviceId: serviceIdSchema });
export type DeleteSandboxServiceInput = z.infer<typeof deleteSandboxServiceInputSchema>;

export const sandboxConnectionSchema = z.object({
  endpointId: z.string(),
  ownerAccountId: z.string(),
  state: z.string(),
  createdAt: z.string().nullable(),
});

export const sandboxServiceSchema = z.object({
  serviceId: z.string(),
  serviceName: z.string(),
  state: z.string(),
  acceptanceRequired: z.boolean(),
  loadBalancerArns: z.array(z.string()),
  availabilityZones: z.array(z.string()),
  allowedPrincipals: z.array(z.string()),
  connections: z.array(sandboxConnectionSchema),
});
export type SandboxService = z.infer<typeof sandboxServiceSchema>;

export const sandboxConsoleViewSchema = z.object({
  regions: z.array(z.string()),
  organizationPrincipalArn: z.string(),
  accountId: z.string(),
  region: z.string(),
  services: z.array(sandboxServiceSchema),
});
export type SandboxConsoleView = z.infer<typeof sandboxConsoleViewSchema>;
