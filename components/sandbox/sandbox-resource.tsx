"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Field } from "@/components/ui/field";
import { validate } from "@/components/ui/field-errors";
import { useFormSubmit } from "@/components/ui/use-form-submit";
import { createSandboxResourceInputSchema, type SandboxConsoleView, type SandboxResource } from "@/lib/sandbox-console/schemas";
import { useCreateSandboxResource } from "./use-sandbox-console";

type ResourceType = "rds" | "ip";

/** An address in the VPC to offer by default: its CIDR's network address, ending in .25 instead. */
export function addressInVpc(cidr: string | null): string {
  return cidr ? cidr.split("/")[0]!.replace(/\.\d+$/, ".25") : "";
}

/** What a share's principal association says: RAM reads ASSOCIATING until the account accepts the invitation. */
const SHARE_STATES: Record<string, string> = { ASSOCIATING: "invitation pending", ASSOCIATED: "accepted" };

/** The customer's side of a link without a load balancer: a resource gateway, a resource configuration and its RAM share. */
export function CreateResourceCard({ view }: { view: SandboxConsoleView }) {
  const create = useCreateSandboxResource();
  const [type, setType] = useState<ResourceType>("rds");
  const { errors, isSending, onSubmit } = useFormSubmit({
    read: (values) =>
      validate(createSandboxResourceInputSchema, {
        region: view.region,
        name: values.get("resourceName"),
        resource: type === "rds" ? { type, rdsArn: values.get("rdsArn") } : { type, ipAddress: values.get("ipAddress"), port: values.get("resourcePort") },
        shareWithVendor: values.get("shareWithVendor") === "on",
      }),
    send: create.mutateAsync,
  });
  const made = create.data;
  const share = made?.shares[0];
  return (
    <Card title="Create a resource gateway and a resource configuration (no load balancer)">
      <form noValidate onSubmit={onSubmit} aria-label="Create a resource configuration" className="space-y-3 text-sm">
        <p className="text-slate-600">
          What the resource kit builds: a VPC Lattice resource gateway in two of the account&apos;s subnets, a resource configuration on it naming your
          resource, and an AWS RAM share of the configuration with our account. The sandbox has no database nor host behind these: the link becomes available,
          and its connectivity test says what it cannot reach.
        </p>
        <Field
          label="Resource name"
          name="resourceName"
          defaultValue="orders-db"
          autoComplete="off"
          error={errors.name}
          hint="Names the gateway, the configuration and the share."
        />
        <fieldset className="space-y-1">
          <legend className="font-medium text-slate-700">What the configuration names</legend>
          <label className="flex items-center gap-2">
            <input type="radio" name="resourceType" checked={type === "rds"} onChange={() => setType("rds")} /> An RDS database, by its ARN (type ARN)
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="resourceType" checked={type === "ip"} onChange={() => setType("ip")} /> An IP address in the VPC (type SINGLE)
          </label>
        </fieldset>
        {type === "rds" ? (
          <Field
            label="RDS database ARN"
            name="rdsArn"
            defaultValue={`arn:aws:rds:${view.region}:${view.accountId}:db:orders`}
            autoComplete="off"
            error={errors["resource.rdsArn"]}
            hint="A database of this account in this region; reached on its own port."
            className="font-mono"
          />
        ) : (
          <div className="grid gap-3 sm:grid-cols-2">
            <Field
              label="IP address"
              name="ipAddress"
              defaultValue={addressInVpc(view.vpcCidr)}
              autoComplete="off"
              error={errors["resource.ipAddress"]}
              hint={view.vpcCidr ? `In the VPC, ${view.vpcCidr}.` : "In the account's VPC."}
            />
            <Field
              label="Port"
              name="resourcePort"
              inputMode="numeric"
              defaultValue="5432"
              error={errors["resource.port"]}
              hint="The one port the configuration opens."
            />
          </div>
        )}
        <label className="flex items-start gap-2">
          <input type="checkbox" name="shareWithVendor" defaultChecked className="mt-1" />
          <span className="min-w-0">
            Share it through AWS RAM with our AWS account <code className="font-mono text-xs">{view.vendorAccountId}</code>
          </span>
        </label>
        {errors.form ? <Alert>{errors.form}</Alert> : null}
        {made ? (
          <div role="status" className="space-y-1 break-words rounded-md bg-emerald-50 p-3 text-emerald-900">
            <p>
              Created {made.configurationId}. Register its ARN in the portal, without a load balancer:{" "}
              <code className="break-all font-mono text-xs" data-testid="sandbox-configuration-arn">
                {made.configurationArn}
              </code>
            </p>
            <p>
              {share ? (
                <>
                  Shared with account {share.principal} by{" "}
                  <code className="break-all font-mono text-xs" data-testid="sandbox-share-arn">
                    {share.shareArn}
                  </code>{" "}
                  (the RAM resource share ARN).
                </>
              ) : (
                "Not shared: we cannot reach it until it is."
              )}
            </p>
          </div>
        ) : null}
        <Button type="submit" isLoading={isSending}>
          Create resource configuration
        </Button>
      </form>
    </Card>
  );
}

/** One configuration: its ARN to register in the portal, what it names, and whom it is shared with. */
export function SandboxResourceItem({ resource }: { resource: SandboxResource }) {
  return (
    <article
      aria-label={`Resource configuration ${resource.configurationId}`}
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm sm:p-6"
    >
      <h3 className="font-mono text-sm font-semibold break-all">
        {resource.configurationId} <span className="font-sans font-normal text-slate-600">{resource.name}</span>
      </h3>
      <p className="text-slate-600">
        {resource.status} · type {resource.type} · <span className="break-all">{resource.resource}</span> · ports {resource.portRanges.join(", ")} · gateway{" "}
        {resource.gatewayId}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-slate-700">ARN:</span>
        <code className="font-mono text-xs break-all">{resource.configurationArn}</code>
        <CopyButton value={resource.configurationArn} />
      </div>
      {resource.shares.length === 0 ? (
        <p className="text-slate-500">Not shared with anyone.</p>
      ) : (
        <ul aria-label="Shared with" className="space-y-1">
          {resource.shares.map((share) => (
            <li key={`${share.shareArn} ${share.principal}`} className="break-all">
              Account {share.principal}: <span data-testid="sandbox-share-state">{SHARE_STATES[share.status] ?? share.status.toLowerCase()}</span> ·{" "}
              <code className="font-mono text-xs">{share.shareArn}</code>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
