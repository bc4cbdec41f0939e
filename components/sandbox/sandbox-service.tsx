"use client";

import { messageOf } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useConfirm } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { Field } from "@/components/ui/field";
import { validate } from "@/components/ui/field-errors";
import { fieldErrorsOf, useFormSubmit } from "@/components/ui/use-form-submit";
import { allowPrincipalInputSchema, type ConsoleScope, type SandboxService as Service, type SandboxTarget } from "@/lib/sandbox-console/schemas";
import { SandboxLoadBalancer } from "./sandbox-load-balancer";
import { useAllowSandboxPrincipal, useAnswerSandboxConnection, useDeleteSandboxService } from "./use-sandbox-console";

/** One endpoint service: its name to register in the portal, its allow list, its connection requests to answer, and its load balancer. */
export function SandboxService({ service, scope, defaultTarget }: { service: Service; scope: ConsoleScope; defaultTarget: SandboxTarget | null }) {
  const answer = useAnswerSandboxConnection();
  const remove = useDeleteSandboxService();
  const { confirm, dialog } = useConfirm();
  const error = answer.error ?? remove.error;
  return (
    <article
      aria-label={`Endpoint service ${service.serviceId}`}
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm sm:p-6"
    >
      {dialog}
      <div className="space-y-1">
        <h3 className="break-all font-mono text-sm font-semibold">{service.serviceId}</h3>
        <p className="text-slate-600">
          {service.state} · acceptance {service.acceptanceRequired ? "required" : "not required"} · zones {service.availabilityZones.join(", ")}
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-slate-700">Service name:</span>
          <code className="break-all font-mono text-xs" data-testid="sandbox-service-name">
            {service.serviceName}
          </code>
          <CopyButton value={service.serviceName} />
        </div>
      </div>

      <div className="space-y-2">
        <h4 className="font-semibold">Allowed principals</h4>
        {service.allowedPrincipals.length === 0 ? (
          <p className="text-slate-500">Nobody: no one can see this service yet.</p>
        ) : (
          <ul aria-label="Allowed principals" className="space-y-1">
            {service.allowedPrincipals.map((principal) => (
              <li key={principal} className="break-all font-mono text-xs">
                {principal}
              </li>
            ))}
          </ul>
        )}
        <AllowForm service={service} scope={scope} />
      </div>

      <div className="space-y-2">
        <h4 className="font-semibold">Connection requests</h4>
        {error ? <Alert>{messageOf(error)}</Alert> : null}
        {service.connections.length === 0 ? (
          <p className="text-slate-500">None yet. Register this service name in the portal; the request appears here.</p>
        ) : (
          <ul aria-label="Connection requests" className="divide-y divide-slate-100">
            {service.connections.map((connection) => {
              const act = (action: "accept" | "reject") => answer.mutate({ ...scope, serviceId: service.serviceId, endpointId: connection.endpointId, action });
              const isBusy = answer.isPending && answer.variables?.endpointId === connection.endpointId;
              return (
                <li key={connection.endpointId} className="flex flex-wrap items-center justify-between gap-2 py-2" data-testid="sandbox-connection">
                  <div className="min-w-0">
                    <p className="break-all font-mono text-xs">{connection.endpointId}</p>
                    <p className="text-slate-600">
                      from account {connection.ownerAccountId} · <span data-testid="sandbox-connection-state">{connection.state}</span>
                    </p>
                  </div>
                  <div className="flex flex-wrap gap-2">
                    {connection.state === "pendingAcceptance" ? (
                      <>
                        <Button isLoading={isBusy} onClick={() => act("accept")} aria-label={`Accept ${connection.endpointId}`}>
                          Accept
                        </Button>
                        <Button variant="secondary" disabled={isBusy} onClick={() => act("reject")} aria-label={`Reject ${connection.endpointId}`}>
                          Reject
                        </Button>
                      </>
                    ) : null}
                    {connection.state === "available" || connection.state === "pending" ? (
                      <Button variant="secondary" isLoading={isBusy} onClick={() => act("reject")} aria-label={`Revoke ${connection.endpointId}`}>
                        Revoke
                      </Button>
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </div>

      {service.loadBalancers.map((lb) => (
        <SandboxLoadBalancer key={lb.arn} lb={lb} scope={scope} defaultTarget={defaultTarget} />
      ))}

      <Button
        variant="secondary"
        isLoading={remove.isPending}
        onClick={async () => {
          const isSure = await confirm({
            title: `Delete the endpoint service ${service.serviceId}?`,
            body: "Endpoints connected to it stop working.",
            confirmLabel: "Delete endpoint service",
          });
          if (isSure) remove.mutate({ ...scope, serviceId: service.serviceId });
        }}
      >
        Delete endpoint service
      </Button>
    </article>
  );
}

function AllowForm({ service, scope }: { service: Service; scope: ConsoleScope }) {
  const allow = useAllowSandboxPrincipal();
  const fieldName = `principal-${service.serviceId}`;
  // The form's one field carries any problem.
  const { errors, isSending, onSubmit } = useFormSubmit({
    read: (values) => {
      const checked = validate(allowPrincipalInputSchema, { ...scope, serviceId: service.serviceId, principalArn: values.get(fieldName) });
      return checked.errors ? { data: null, errors: { [fieldName]: checked.errors.principalArn ?? Object.values(checked.errors)[0]! } } : checked;
    },
    send: allow.mutateAsync,
    onSuccess: (_, { form }) => form.reset(),
    errorsOf: (error) => ({ [fieldName]: Object.values(fieldErrorsOf(error))[0]! }),
  });
  return (
    <form noValidate onSubmit={onSubmit} aria-label={`Allow a principal on ${service.serviceId}`} className="flex flex-wrap items-end gap-2">
      <div className="min-w-0 flex-1">
        <Field
          label="Principal ARN to allow"
          name={fieldName}
          placeholder="arn:aws:iam::111111111111:role/…"
          autoComplete="off"
          error={errors[fieldName]}
          className="font-mono"
        />
      </div>
      <Button type="submit" variant="secondary" isLoading={isSending}>
        Allow
      </Button>
    </form>
  );
}
