"use client";

import { useState } from "react";
import { messageOf } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { validate } from "@/components/ui/field-errors";
import { useFormSubmit } from "@/components/ui/use-form-submit";
import { createSandboxServiceInputSchema, type ConsoleScope, type SandboxConsoleView } from "@/lib/sandbox-console/schemas";
import { CreateResourceCard, SandboxResourceItem } from "./sandbox-resource";
import { SandboxService } from "./sandbox-service";
import { useCreateSandboxService, useSandboxConsole } from "./use-sandbox-console";

const SELECT = "block w-full rounded-md border border-slate-300 px-3 py-2 text-sm";

/**
 * The customer's AWS account in the sandbox: its endpoint services, their allow lists and connection requests; and, for links
 * without a load balancer, its resource configurations and their RAM shares.
 */
export function SandboxConsole() {
  const [scope, setScope] = useState<Partial<ConsoleScope>>({});
  const query = useSandboxConsole(scope);
  if (query.isPending)
    return (
      <p role="status" className="text-sm text-slate-500">
        Loading the sandbox account…
      </p>
    );
  if (query.isError) return <Alert>{messageOf(query.error)}</Alert>;
  const view = query.data;
  const current = { region: view.region };
  return (
    <div className="space-y-6">
      <Card title="Your sandbox AWS account">
        <div className="grid gap-3 text-sm sm:grid-cols-2">
          <div className="space-y-1">
            <p className="font-medium text-slate-700">AWS account</p>
            <p className="font-mono" data-testid="sandbox-account-id">
              {view.accountId}
            </p>
            <p className="text-slate-500">Your organization&apos;s own account in the sandbox; no other organization acts in it.</p>
          </div>
          <div className="space-y-1">
            <label htmlFor="sandbox-region" className="block font-medium text-slate-700">
              Region
            </label>
            <select id="sandbox-region" className={SELECT} value={view.region} onChange={(e) => setScope({ region: e.target.value })}>
              {view.regions.map((region) => (
                <option key={region}>{region}</option>
              ))}
            </select>
          </div>
        </div>
      </Card>
      <CreateServiceCard view={view} />
      <section aria-label="Endpoint services" className="space-y-4">
        <h2 className="text-lg font-semibold">Endpoint services in {view.region}</h2>
        {view.services.length === 0 ? (
          <p className="text-sm text-slate-500">No endpoint service in this account and region yet. Create one above.</p>
        ) : (
          view.services.map((service) => <SandboxService key={service.serviceId} service={service} scope={current} defaultTarget={view.defaultTarget} />)
        )}
      </section>
      <CreateResourceCard view={view} />
      <section aria-label="Resource configurations" className="space-y-4">
        <h2 className="text-lg font-semibold">Resource configurations in {view.region}</h2>
        {view.resources.length === 0 ? (
          <p className="text-sm text-slate-500">No resource configuration in this account and region yet. Create one above.</p>
        ) : (
          view.resources.map((resource) => <SandboxResourceItem key={resource.configurationId} resource={resource} />)
        )}
      </section>
    </div>
  );
}

function CreateServiceCard({ view }: { view: SandboxConsoleView }) {
  const create = useCreateSandboxService();
  const { errors, isSending, onSubmit } = useFormSubmit({
    read: (values) =>
      validate(createSandboxServiceInputSchema, {
        region: view.region,
        name: values.get("name"),
        acceptanceRequired: values.get("acceptanceRequired") === "on",
        allowOrganizationPrincipal: values.get("allowOrganizationPrincipal") === "on",
        port: values.get("port"),
        target: { address: values.get("targetAddress"), port: values.get("targetPort") },
      }),
    send: create.mutateAsync,
  });
  const target = view.defaultTarget;
  return (
    <Card title="Create a load balancer and an endpoint service">
      <form noValidate onSubmit={onSubmit} aria-label="Create an endpoint service" className="space-y-3 text-sm">
        <p className="text-slate-600">
          What the setup kit builds: an internal Network Load Balancer in two of the account&apos;s subnets with a security group (enforcement on PrivateLink
          traffic off), a TCP target group with one target, a listener, and an endpoint service in front of it.
        </p>
        <Field label="Load balancer name" name="name" defaultValue="my-service-nlb" autoComplete="off" error={errors.name} />
        <div className="grid gap-3 sm:grid-cols-3">
          <Field label="Listener port" name="port" inputMode="numeric" defaultValue="5432" error={errors.port} hint="The port the vendor connects to." />
          <Field
            label="Target address"
            name="targetAddress"
            defaultValue={target?.address ?? "127.0.0.1"}
            autoComplete="off"
            error={errors["target.address"]}
            hint="A loopback address (127.0.0.0/8): a host in your VPC."
          />
          <Field
            label="Target port"
            name="targetPort"
            inputMode="numeric"
            defaultValue={target ? String(target.port) : ""}
            error={errors["target.port"]}
            hint={target ? "The portal's own database." : "A TCP service listening there."}
          />
        </div>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="acceptanceRequired" defaultChecked /> Require acceptance of connection requests
        </label>
        <label className="flex items-start gap-2">
          <input type="checkbox" name="allowOrganizationPrincipal" defaultChecked className="mt-1" />
          <span className="min-w-0">
            Allowlist your organization&apos;s principal <code className="break-all font-mono text-xs">{view.organizationPrincipalArn}</code>
          </span>
        </label>
        {errors.form ? <Alert>{errors.form}</Alert> : null}
        {create.data ? (
          <p role="status" className="break-words rounded-md bg-emerald-50 p-3 text-emerald-900">
            Created {create.data.serviceId}. Register its service name <code className="break-all font-mono text-xs">{create.data.serviceName}</code> in the
            portal.
          </p>
        ) : null}
        <Button type="submit" isLoading={isSending}>
          Create endpoint service
        </Button>
      </form>
    </Card>
  );
}
