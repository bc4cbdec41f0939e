import { z } from "zod";
import {
  allowPrincipalInputSchema,
  connectionActionInputSchema,
  consoleScopeSchema,
  createSandboxResourceInputSchema,
  createSandboxServiceInputSchema,
  deleteSandboxServiceInputSchema,
  listenerActionInputSchema,
  loadBalancerSettingInputSchema,
  sandboxConsoleViewSchema,
  sandboxResourceSchema,
  sandboxServiceSchema,
  targetActionInputSchema,
} from "@/lib/sandbox-console/schemas";
import { defineOperation } from "./operation";

// The portal's own routes (/api/sandbox/*) through the same wrapper, but not part of /api/v1 nor in the document. Each acts in
// the caller's organization's own sandbox account, never one the request names.
const signedIn = { scope: "write", by: ["member"] } as const;
const done = { status: 200, description: "Done.", schema: z.object({ ok: z.literal(true) }) };

export const sandboxConsoleOperations = {
  readSandboxConsole: defineOperation({
    operationId: "readSandboxConsole",
    method: "GET",
    path: "/api/sandbox/console",
    tag: "Portal",
    summary: "The organization's sandbox account: its endpoint services, allow lists and connection requests, and its resource configurations and their shares",
    access: { scope: "read", by: ["member"] },
    query: consoleScopeSchema.partial(),
    success: { status: 200, description: "The console.", schema: sandboxConsoleViewSchema },
  }),
  createSandboxService: defineOperation({
    operationId: "createSandboxService",
    method: "POST",
    path: "/api/sandbox/services",
    tag: "Portal",
    summary:
      "Create an internal NLB with a security group, a target group with one loopback target, a listener and an endpoint service in the organization's sandbox account",
    access: signedIn,
    body: createSandboxServiceInputSchema,
    success: { status: 201, description: "The endpoint service.", schema: sandboxServiceSchema },
  }),
  createSandboxResource: defineOperation({
    operationId: "createSandboxResource",
    method: "POST",
    path: "/api/sandbox/resources",
    tag: "Portal",
    summary:
      "Create a VPC Lattice resource gateway, a resource configuration (an RDS database by ARN, or an IP address) and its RAM share with the vendor's account in the organization's sandbox account",
    access: signedIn,
    body: createSandboxResourceInputSchema,
    success: { status: 201, description: "The resource configuration and its shares.", schema: sandboxResourceSchema },
  }),
  allowSandboxPrincipal: defineOperation({
    operationId: "allowSandboxPrincipal",
    method: "POST",
    path: "/api/sandbox/services/allow",
    tag: "Portal",
    summary: "Add a principal to an endpoint service's allow list",
    access: signedIn,
    body: allowPrincipalInputSchema,
    success: done,
  }),
  deleteSandboxService: defineOperation({
    operationId: "deleteSandboxService",
    method: "POST",
    path: "/api/sandbox/services/delete",
    tag: "Portal",
    summary: "Delete an endpoint service",
    access: signedIn,
    body: deleteSandboxServiceInputSchema,
    success: done,
  }),
  answerSandboxConnection: defineOperation({
    operationId: "answerSandboxConnection",
    method: "POST",
    path: "/api/sandbox/connections",
    tag: "Portal",
    summary: "Accept or reject a connection request (rejecting an accepted one revokes it)",
    access: signedIn,
    body: connectionActionInputSchema,
    success: done,
  }),
  changeSandboxTarget: defineOperation({
    operationId: "changeSandboxTarget",
    method: "POST",
    path: "/api/sandbox/targets",
    tag: "Portal",
    summary: "Register or deregister a target (a loopback address) in a target group",
    access: signedIn,
    body: targetActionInputSchema,
    success: done,
  }),
  changeSandboxListener: defineOperation({
    operationId: "changeSandboxListener",
    method: "POST",
    path: "/api/sandbox/listeners",
    tag: "Portal",
    summary: "Delete a listener, or create one forwarding a port to a target group",
    access: signedIn,
    body: listenerActionInputSchema,
    success: done,
  }),
  changeSandboxLoadBalancer: defineOperation({
    operationId: "changeSandboxLoadBalancer",
    method: "POST",
    path: "/api/sandbox/load-balancers",
    tag: "Portal",
    summary: "Turn a load balancer's enforcement of inbound rules on PrivateLink traffic, or its cross-zone load balancing, on or off",
    access: signedIn,
    body: loadBalancerSettingInputSchema,
    success: done,
  }),
};
