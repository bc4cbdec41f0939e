import type { Tag } from "../wire/params";

/** What ELBv2 callers create: load balancers, target groups (with their targets) and listeners. */

export interface LoadBalancerRecord {
  arn: string;
  name: string;
  ownerId: string;
  region: string;
  type: "network" | "application";
  scheme: "internal" | "internet-facing";
  vpcId: string;
  subnetIds: string[];
  securityGroupIds: string[];
  /** Only for load balancers with security groups, as in AWS. */
  enforcePrivateLinkInbound?: "on" | "off";
  ipAddressType: string;
  attributes: Record<string, string>;
  tags: Tag[];
  dnsName: string;
  /** Epoch ms on the sandbox clock; `provisioning` until delays.pendingMs have passed. */
  createdAt: number;
  /** The creation parameters: the same name with the same parameters returns this load balancer. */
  fingerprint: string;
}

export interface TargetRecord {
  id: string;
  port: number;
  availabilityZone?: string;
}

export interface TargetGroupRecord {
  arn: string;
  name: string;
  ownerId: string;
  region: string;
  protocol: string;
  port?: number;
  vpcId?: string;
  targetType: "instance" | "ip" | "alb" | "lambda";
  ipAddressType: string;
  healthCheck: {
    enabled: boolean;
    protocol: string;
    port: string;
    path?: string;
    intervalSeconds: number;
    timeoutSeconds: number;
    healthyThreshold: number;
    unhealthyThreshold: number;
    matcher?: string;
  };
  attributes: Record<string, string>;
  targets: TargetRecord[];
  tags: Tag[];
  fingerprint: string;
}

export interface ListenerRecord {
  arn: string;
  loadBalancerArn: string;
  ownerId: string;
  region: string;
  protocol: string;
  port: number;
  targetGroupArns: string[];
  attributes: Record<string, string>;
  tags: Tag[];
}

export interface StoredElbv2 {
  loadBalancers: LoadBalancerRecord[];
  targetGroups: TargetGroupRecord[];
  listeners: ListenerRecord[];
}

export class Elbv2Store {
  loadBalancers = new Map<string, LoadBalancerRecord>();
  targetGroups = new Map<string, TargetGroupRecord>();
  listeners = new Map<string, ListenerRecord>();

  clear(): void {
    this.loadBalancers.clear();
    this.targetGroups.clear();
    this.listeners.clear();
  }

  toJSON(): StoredElbv2 {
    return { loadBalancers: [...this.loadBalancers.values()], targetGroups: [...this.targetGroups.values()], listeners: [...this.listeners.values()] };
  }

  load(stored: StoredElbv2 | undefined): void {
    this.clear();
    for (const lb of stored?.loadBalancers ?? []) this.loadBalancers.set(lb.arn, lb);
    for (const group of stored?.targetGroups ?? []) this.targetGroups.set(group.arn, group);
    for (const listener of stored?.listeners ?? []) this.listeners.set(listener.arn, listener);
  }
}
