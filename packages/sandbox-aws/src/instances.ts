import { z } from "zod";
import { isLoopback, privateIpIn } from "./data-plane/addresses";
import { subnetById } from "./seed";
import { hexId, type Instance, type SandboxState } from "./state";

/**
 * Hosts in a subnet, for instance targets (an SSH bastion): the sandbox runs no machines, so an instance is a private IP
 * in its subnet standing for a loopback server, the way an endpoint's interface stands for a loopback address. Made by
 * `POST /_sandbox/instances` (or `Sandbox.addInstance`), not by RunInstances: nothing the product or the kits call needs one.
 */

const port = z.number().int().min(1).max(65535);

export const instanceInputSchema = z.object({
  accountId: z.string().regex(/^\d{12}$/, "a 12-digit account id"),
  subnetId: z.string().regex(/^subnet-[0-9a-f]+$/, "a subnet id"),
  host: z
    .string()
    .default("127.0.0.1")
    .refine((host) => isLoopback(host), "an IPv4 address in 127.0.0.0/8 (the sandbox connects only to loopback)"),
  ports: z
    .record(z.string().regex(/^\d+$/, "a port"), port)
    .default({})
    .refine((ports) => Object.keys(ports).every((key) => port.safeParse(Number(key)).success), "ports are 1-65535"),
});

export type InstanceInput = z.input<typeof instanceInputSchema>;

export class InstanceInputError extends Error {}

/** Adds a running instance in the account's subnet; its private IP is stable for its id. */
export function addInstance(state: SandboxState, input: unknown, now: number): Instance {
  const parsed = instanceInputSchema.parse(input);
  const subnet = subnetById(parsed.subnetId);
  if (!subnet || subnet.ownerId !== parsed.accountId) throw new InstanceInputError(`no subnet ${parsed.subnetId} in account ${parsed.accountId}`);
  const instanceId = `i-${hexId()}`;
  const instance: Instance = {
    instanceId,
    ownerId: parsed.accountId,
    region: subnet.region,
    vpcId: subnet.vpcId,
    subnetId: subnet.subnetId,
    privateIp: privateIpIn(subnet.cidrBlock, instanceId),
    host: parsed.host,
    ports: parsed.ports,
    createdAt: new Date(now).toISOString(),
  };
  state.instances.set(instanceId, instance);
  return instance;
}

/** What `POST /_sandbox/instances` answers, and `GET` lists. */
export function instanceDocument(instance: Instance) {
  const subnet = subnetById(instance.subnetId);
  return { ...instance, availabilityZone: subnet?.zoneName, availabilityZoneId: subnet?.zoneId };
}
