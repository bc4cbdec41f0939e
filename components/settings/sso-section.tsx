"use client";

import { messageOf } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useConfirm } from "@/components/ui/confirm-dialog";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Field } from "@/components/ui/field";
import { validate } from "@/components/ui/field-errors";
import { useFormSubmit } from "@/components/ui/use-form-submit";
import { claimSsoDomainInputSchema, setSsoProviderInputSchema, type SsoDomainView, type SsoSettings } from "@/lib/sso/schemas";
import { formatTime } from "./section-states";
import { useClaimSsoDomain, useDeleteSsoProvider, useRemoveSsoDomain, useSetSsoProvider, useSsoSettings, useVerifySsoDomain } from "./use-sso";

/** Owners bring the organization's own OpenID Connect provider and claim the email domains whose people sign in through it. */
export function SsoSection({ isOwner }: { isOwner: boolean }) {
  return (
    <Card title="Single sign-on">
      <div className="space-y-4 text-sm">
        <p className="text-slate-600">
          Sign your people in through your own OpenID Connect provider. People whose address is in a verified domain are offered it on the sign-in page and join
          your organization as members at their first sign-in.
        </p>
        {isOwner ? <OwnerControls /> : <p className="text-slate-600">Only owners of the organization manage its single sign-on.</p>}
      </div>
    </Card>
  );
}

function OwnerControls() {
  const settings = useSsoSettings();
  if (settings.isPending)
    return (
      <p role="status" className="text-slate-500">
        Loading single sign-on…
      </p>
    );
  if (settings.isError) return <Alert>{messageOf(settings.error)}</Alert>;
  return (
    <>
      <ProviderForm settings={settings.data} />
      <Domains domains={settings.data.domains} />
    </>
  );
}

function ProviderForm({ settings }: { settings: SsoSettings }) {
  const save = useSetSsoProvider();
  const remove = useDeleteSsoProvider();
  const { confirm, dialog } = useConfirm();
  const provider = settings.provider;
  const { errors, isSending, onSubmit } = useFormSubmit({
    read: (values) =>
      validate(setSsoProviderInputSchema, {
        displayName: values.get("displayName"),
        issuer: values.get("issuer"),
        clientId: values.get("clientId"),
        clientSecret: values.get("clientSecret") || undefined,
        enabled: values.get("enabled") === "on",
        requireSso: values.get("requireSso") === "on",
      }),
    send: save.mutateAsync,
    onSuccess: (_answer, { form }) => {
      const secret = form.elements.namedItem("clientSecret");
      if (secret instanceof HTMLInputElement) secret.value = "";
    },
  });
  return (
    <form noValidate onSubmit={onSubmit} aria-label="Single sign-on provider" className="space-y-3">
      {dialog}
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium text-slate-700">Redirect URI to register with your provider:</span>
        <code className="break-all rounded bg-slate-100 px-2 py-1 font-mono text-xs" data-testid="sso-redirect-uri">
          {settings.redirectUri}
        </code>
        <CopyButton value={settings.redirectUri} />
      </div>
      <Field label="Name on the sign-in button" name="displayName" placeholder="Acme Login" defaultValue={provider?.displayName} error={errors.displayName} />
      <Field
        label="Issuer URL"
        name="issuer"
        placeholder="https://login.example.com"
        defaultValue={provider?.issuer}
        hint="We fetch its discovery document (/.well-known/openid-configuration) when you save."
        error={errors.issuer}
      />
      <Field label="Client id" name="clientId" autoComplete="off" defaultValue={provider?.clientId} error={errors.clientId} />
      <Field
        label="Client secret"
        name="clientSecret"
        type="password"
        autoComplete="off"
        hint={provider?.hasClientSecret ? "A secret is stored (encrypted, never shown). Leave empty to keep it." : "Stored encrypted; never shown again."}
        error={errors.clientSecret}
      />
      <label className="flex items-center gap-2">
        <input type="checkbox" name="enabled" defaultChecked={provider?.enabled ?? true} /> Enabled
      </label>
      <label className="flex items-center gap-2">
        <input type="checkbox" name="requireSso" defaultChecked={provider?.requireSso ?? false} /> Require single sign-on: people of your verified domains
        cannot sign in with a password
      </label>
      {errors.form ? <Alert>{errors.form}</Alert> : null}
      {remove.error ? <Alert>{messageOf(remove.error)}</Alert> : null}
      {save.isSuccess && !isSending ? (
        <p role="status" className="text-emerald-700">
          Saved.
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" isLoading={isSending}>
          {provider ? "Save provider" : "Set up provider"}
        </Button>
        {provider ? (
          <Button
            type="button"
            variant="secondary"
            isLoading={remove.isPending}
            onClick={async () => {
              const isSure = await confirm({
                title: "Remove the single sign-on provider?",
                body: "Its people sign in with a password again.",
                confirmLabel: "Remove provider",
              });
              if (isSure) remove.mutate(undefined);
            }}
          >
            Remove provider
          </Button>
        ) : null}
      </div>
    </form>
  );
}

function Domains({ domains }: { domains: SsoDomainView[] }) {
  const claim = useClaimSsoDomain();
  const verify = useVerifySsoDomain();
  const remove = useRemoveSsoDomain();
  const { confirm: confirmRemoval, dialog: removalDialog } = useConfirm();
  const { errors, isSending, onSubmit } = useFormSubmit({
    read: (values) => validate(claimSsoDomainInputSchema, { domain: values.get("domain") }),
    send: claim.mutateAsync,
    onSuccess: (_answer, { form }) => form.reset(),
  });
  return (
    <div className="space-y-3">
      {removalDialog}
      <h3 className="font-semibold text-slate-800">Email domains</h3>
      <form noValidate onSubmit={onSubmit} aria-label="Claim a domain" className="space-y-2">
        <Field label="Domain" name="domain" placeholder="example.com" autoComplete="off" error={errors.domain} />
        {errors.form ? <Alert>{errors.form}</Alert> : null}
        <Button type="submit" variant="secondary" isLoading={isSending}>
          Claim domain
        </Button>
      </form>
      {verify.error ? <Alert>{messageOf(verify.error)}</Alert> : null}
      {remove.error ? <Alert>{messageOf(remove.error)}</Alert> : null}
      {domains.length === 0 ? (
        <p className="text-slate-500">No domains claimed yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label="Claimed domains">
          {domains.map((domain) => (
            <li key={domain.id} className="space-y-1 py-2" data-testid={`sso-domain-${domain.domain}`}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="font-medium">
                  {domain.domain}{" "}
                  <span
                    className={`rounded-full px-2.5 py-0.5 text-xs font-medium ${domain.verified ? "bg-emerald-100 text-emerald-800" : "bg-amber-100 text-amber-800"}`}
                  >
                    {domain.verified ? `Verified (${domain.verifiedBy === "admin" ? "by the vendor" : "DNS"})` : "Not verified"}
                  </span>
                </p>
                <div className="flex gap-2">
                  {domain.verified ? null : (
                    <Button
                      variant="secondary"
                      aria-label={`Verify ${domain.domain}`}
                      isLoading={verify.isPending && verify.variables === domain.id}
                      onClick={() => verify.mutate(domain.id)}
                    >
                      Verify
                    </Button>
                  )}
                  <Button
                    variant="secondary"
                    aria-label={`Remove ${domain.domain}`}
                    isLoading={remove.isPending && remove.variables === domain.id}
                    onClick={async () => {
                      const isSure = await confirmRemoval({
                        title: `Give up ${domain.domain}?`,
                        body: "Single sign-on stops applying to addresses at it until it is claimed and verified again.",
                        confirmLabel: "Give up domain",
                      });
                      if (isSure) remove.mutate(domain.id);
                    }}
                  >
                    Remove
                  </Button>
                </div>
              </div>
              {domain.verified ? null : (
                <p className="text-slate-600">
                  Publish a TXT record at <code className="break-all font-mono text-xs">{domain.proofRecordName}</code> holding{" "}
                  <code className="break-all font-mono text-xs" data-testid="sso-proof-value">
                    {domain.proofRecordValue}
                  </code>
                  , then verify.
                  {domain.lastError ? (
                    <span className="block text-red-600">{`Last check ${formatTime(domain.lastCheckedAt)}: ${domain.lastError}`}</span>
                  ) : null}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
