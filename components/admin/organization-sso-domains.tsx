"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { answerOf, api, messageOf } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { validate } from "@/components/ui/field-errors";
import { useFormSubmit } from "@/components/ui/use-form-submit";
import { claimSsoDomainInputSchema, type ClaimSsoDomainInput } from "@/lib/sso/schemas";

const domainsKey = (organizationId: string) => ["admin", "organizations", organizationId, "sso-domains"] as const;

/** The email domains an organization claims for its single sign-on; a vendor admin may set one verified without DNS. */
export function OrganizationSsoDomains({ organizationId }: { organizationId: string }) {
  const client = useQueryClient();
  const domains = useQuery({
    queryKey: domainsKey(organizationId),
    queryFn: () => answerOf(api.GET("/api/v1/admin/organizations/{id}/sso-domains", { params: { path: { id: organizationId } } })),
  });
  const verify = useMutation({
    mutationFn: (body: ClaimSsoDomainInput) =>
      answerOf(api.POST("/api/v1/admin/organizations/{id}/sso-domains", { params: { path: { id: organizationId } }, body })),
    onSettled: () => client.invalidateQueries({ queryKey: domainsKey(organizationId) }),
  });
  const { errors, isSending, onSubmit } = useFormSubmit({
    read: (values) => validate(claimSsoDomainInputSchema, { domain: values.get("domain") }),
    send: verify.mutateAsync,
    onSuccess: (_answer, { form }) => form.reset(),
  });
  return (
    <Card title="Single sign-on domains">
      <div className="space-y-3 text-sm">
        {domains.isPending ? (
          <p role="status" className="text-slate-500">
            Loading domains…
          </p>
        ) : domains.isError ? (
          <Alert>{messageOf(domains.error)}</Alert>
        ) : domains.data.data.length === 0 ? (
          <p className="text-slate-500">No domains claimed.</p>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Claimed domains">
            {domains.data.data.map((domain) => (
              <li key={domain.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span className="font-medium">{domain.domain}</span>
                {domain.verified ? (
                  <span className="rounded-full bg-emerald-100 px-2.5 py-0.5 text-xs font-medium text-emerald-800">
                    Verified ({domain.verifiedBy === "admin" ? "by a vendor admin" : "DNS"})
                  </span>
                ) : (
                  <Button
                    variant="secondary"
                    aria-label={`Set ${domain.domain} verified`}
                    isLoading={verify.isPending && verify.variables?.domain === domain.domain}
                    onClick={() => verify.mutate({ domain: domain.domain })}
                  >
                    Set verified
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
        {verify.error && !isSending ? <Alert>{messageOf(verify.error)}</Alert> : null}
        <form noValidate onSubmit={onSubmit} aria-label="Add a verified domain" className="space-y-2">
          <Field label="Domain to set verified" name="domain" placeholder="example.com" autoComplete="off" error={errors.domain} />
          {errors.form ? <Alert>{errors.form}</Alert> : null}
          <Button type="submit" variant="secondary" isLoading={isSending}>
            Set verified
          </Button>
        </form>
      </div>
    </Card>
  );
}
