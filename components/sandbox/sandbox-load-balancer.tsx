"use client";

import { messageOf } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useConfirm } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { validate } from "@/components/ui/field-errors";
import { useFormSubmit } from "@/components/ui/use-form-submit";
import { listenerActionInputSchema, type ConsoleScope, type SandboxLoadBalancer, type SandboxTarget } from "@/lib/sandbox-console/schemas";
import { useChangeSandboxListener, useChangeSandboxLoadBalancer, useChangeSandboxTarget } from "./use-sandbox-console";

const CELL = "px-2 py-1 text-left align-top";
const HEALTH_COLOR: Record<string, string> = { healthy: "text-emerald-700", unhealthy: "text-red-700", initial: "text-amber-700" };

/**
 * A service's load balancer as the customer sees it in AWS: listeners, targets and their health, the security group and its
 * enforcement on PrivateLink traffic, cross-zone load balancing; and the changes that break or mend the path a probe takes.
 */
export function SandboxLoadBalancer({ lb, scope, defaultTarget }: { lb: SandboxLoadBalancer; scope: ConsoleScope; defaultTarget: SandboxTarget | null }) {
  const setting = useChangeSandboxLoadBalancer();
  const listener = useChangeSandboxListener();
  const target = useChangeSandboxTarget();
  const { confirm, dialog } = useConfirm();
  const error = setting.error ?? listener.error ?? target.error;
  const groupName = (arn: string | null) => lb.targetGroups.find((g) => g.arn === arn)?.name ?? arn ?? "none";
  const enforce = async (enabled: boolean) => {
    const isSure =
      !enabled ||
      (await confirm({
        title: "Enforce inbound rules on PrivateLink traffic?",
        body: "Sources the security group does not allow, the vendor's included, are dropped.",
        confirmLabel: "Enforce inbound rules",
      }));
    if (isSure) setting.mutate({ ...scope, loadBalancerArn: lb.arn, setting: "enforceInboundRules", enabled });
  };

  return (
    <section aria-label={`Load balancer ${lb.name}`} className="space-y-3 rounded-md border border-slate-200 p-3">
      {dialog}
      <h4 className="font-semibold">
        Load balancer <span className="font-mono text-xs">{lb.name}</span>
        <span className="ml-2 font-normal text-slate-600">zones {lb.zones.join(", ")}</span>
      </h4>
      {error ? <Alert>{messageOf(error)}</Alert> : null}

      <div className="flex flex-wrap items-center gap-2">
        <span data-testid="sandbox-enforcement">
          Enforce inbound rules on PrivateLink traffic:{" "}
          <strong>{lb.enforceInboundRules === null ? "not available" : lb.enforceInboundRules ? "on" : "off"}</strong>
        </span>
        {lb.enforceInboundRules === null ? null : (
          <Button
            variant="secondary"
            isLoading={setting.isPending && setting.variables?.setting === "enforceInboundRules"}
            onClick={() => enforce(!lb.enforceInboundRules)}
          >
            {lb.enforceInboundRules ? "Turn enforcement off" : "Turn enforcement on"}
          </Button>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <span data-testid="sandbox-cross-zone">
          Cross-zone load balancing: <strong>{lb.crossZone ? "on" : "off"}</strong>
        </span>
        <Button
          variant="secondary"
          isLoading={setting.isPending && setting.variables?.setting === "crossZone"}
          onClick={() => setting.mutate({ ...scope, loadBalancerArn: lb.arn, setting: "crossZone", enabled: !lb.crossZone })}
        >
          {lb.crossZone ? "Turn cross-zone off" : "Turn cross-zone on"}
        </Button>
      </div>
      {lb.securityGroups.map((group) => (
        <div key={group.groupId} className="overflow-x-auto">
          <table className="w-full text-xs">
            <caption className="text-left font-medium">Inbound rules of {group.groupId}</caption>
            <thead>
              <tr className="text-slate-600">
                <th className={CELL}>Protocol</th>
                <th className={CELL}>Ports</th>
                <th className={CELL}>Source</th>
              </tr>
            </thead>
            <tbody>
              {group.inbound.map((rule, index) => (
                <tr key={index}>
                  <td className={CELL}>{rule.protocol === "-1" ? "all" : rule.protocol}</td>
                  <td className={CELL}>
                    {rule.fromPort === null || rule.fromPort === -1 ? "all" : rule.fromPort === rule.toPort ? rule.fromPort : `${rule.fromPort}-${rule.toPort}`}
                  </td>
                  <td className={`${CELL} font-mono`}>{rule.source}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}

      <div className="overflow-x-auto">
        <table className="w-full text-xs">
          <caption className="text-left font-medium">Listeners</caption>
          <tbody>
            {lb.listeners.length === 0 ? (
              <tr>
                <td className={`${CELL} text-slate-500`}>None: connections to every port time out.</td>
              </tr>
            ) : (
              lb.listeners.map((l) => (
                <tr key={l.arn}>
                  <td className={CELL}>
                    {l.protocol} {l.port} → {groupName(l.targetGroupArn)}
                  </td>
                  <td className={`${CELL} text-right`}>
                    <Button
                      variant="secondary"
                      isLoading={listener.isPending && listener.variables?.action === "delete" && listener.variables.listenerArn === l.arn}
                      onClick={async () => {
                        const isSure = await confirm({
                          title: `Delete the listener on port ${l.port}?`,
                          body: "Connections to that port time out.",
                          confirmLabel: "Delete listener",
                        });
                        if (isSure) listener.mutate({ ...scope, action: "delete", listenerArn: l.arn });
                      }}
                    >
                      Delete listener {l.port}
                    </Button>
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {lb.targetGroups.length ? <AddListenerForm lb={lb} scope={scope} /> : null}

      {lb.targetGroups.map((group) => (
        <div key={group.arn} className="space-y-2 overflow-x-auto">
          <table className="w-full text-xs">
            <caption className="text-left font-medium">Targets of {group.name}</caption>
            <thead>
              <tr className="text-slate-600">
                <th className={CELL}>Target</th>
                <th className={CELL}>Zone</th>
                <th className={CELL}>Health</th>
                <th className={CELL}>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {group.targets.length === 0 ? (
                <tr>
                  <td colSpan={4} className={`${CELL} text-slate-500`}>
                    No target registered: no zone has a healthy target.
                  </td>
                </tr>
              ) : (
                group.targets.map((t) => (
                  <tr key={`${t.address}:${t.port}`}>
                    <td className={`${CELL} font-mono`}>
                      {t.address}:{t.port}
                    </td>
                    <td className={CELL}>{t.zone ?? "-"}</td>
                    <td className={`${CELL} ${HEALTH_COLOR[t.state] ?? "text-slate-600"}`} title={t.reason ?? undefined}>
                      {t.state}
                    </td>
                    <td className={`${CELL} text-right`}>
                      <Button
                        variant="secondary"
                        isLoading={target.isPending && target.variables?.target.address === t.address && target.variables.target.port === t.port}
                        onClick={async () => {
                          const isSure = await confirm({
                            title: `Deregister ${t.address}:${t.port}?`,
                            body: "The load balancer stops sending it connections.",
                            confirmLabel: "Deregister target",
                          });
                          if (isSure)
                            target.mutate({ ...scope, targetGroupArn: group.arn, target: { address: t.address, port: t.port }, action: "deregister" });
                        }}
                      >
                        Deregister
                      </Button>
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
          {group.targets.length === 0 ? (
            <Button
              variant="secondary"
              disabled={!defaultTarget && group.port === null}
              isLoading={target.isPending && target.variables?.action === "register"}
              onClick={() =>
                target.mutate({
                  ...scope,
                  targetGroupArn: group.arn,
                  target: defaultTarget ?? { address: "127.0.0.1", port: group.port ?? 0 },
                  action: "register",
                })
              }
            >
              Register {defaultTarget ? `${defaultTarget.address}:${defaultTarget.port}` : `127.0.0.1:${group.port}`} again
            </Button>
          ) : null}
        </div>
      ))}
    </section>
  );
}

function AddListenerForm({ lb, scope }: { lb: SandboxLoadBalancer; scope: ConsoleScope }) {
  const create = useChangeSandboxListener();
  const prefix = `listener-${lb.name}`;
  const { errors, isSending, onSubmit } = useFormSubmit({
    read: (values) =>
      validate(listenerActionInputSchema, {
        ...scope,
        action: "create",
        loadBalancerArn: lb.arn,
        targetGroupArn: values.get("targetGroupArn"),
        port: values.get(`${prefix}-port`),
      }),
    send: create.mutateAsync,
    errorsOf: (error) => ({ [`${prefix}-port`]: messageOf(error) }),
  });
  return (
    <form noValidate onSubmit={onSubmit} aria-label={`Add a listener to ${lb.name}`} className="flex flex-wrap items-end gap-2">
      <div className="w-28">
        <Field label="Listener port" name={`${prefix}-port`} inputMode="numeric" defaultValue="5432" error={errors[`${prefix}-port`] ?? errors.port} />
      </div>
      <label className="text-sm">
        <span className="block font-medium text-slate-700">Forward to</span>
        <select name="targetGroupArn" className="rounded-md border border-slate-300 px-2 py-2 text-sm">
          {lb.targetGroups.map((g) => (
            <option key={g.arn} value={g.arn}>
              {g.name}
            </option>
          ))}
        </select>
      </label>
      <Button type="submit" variant="secondary" isLoading={isSending}>
        Add listener
      </Button>
    </form>
  );
}
