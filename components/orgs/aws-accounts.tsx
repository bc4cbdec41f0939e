"use client";

import { messageOf } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Field } from "@/components/ui/field";
import { validate } from "@/components/ui/field-errors";
import { fieldErrorsOf, useFormSubmit } from "@/components/ui/use-form-submit";
import type { AwsAccount } from "@/lib/api-client/client";
import { declareAwsAccountInputSchema } from "@/lib/orgs/schemas";
import { useAwsAccounts, useDeclareAwsAccount, useRemoveAwsAccount, useVerifyAwsAccount } from "./use-aws-accounts";
import { SCROLLABLE_FOCUS } from "@/components/ui/scroll-box";

/**
 * The organization's AWS accounts and how to prove one: needed for a resource link's configuration
 * owner, when a service's allow list admits more than the organization's own role (our whole
 * account, or everyone), and in shared mode.
 */
export function AwsAccounts() {
  const accounts = useAwsAccounts();
  if (accounts.isPending)
    return (
      <p role="status" className="text-sm text-slate-500">
        Loading your AWS accounts…
      </p>
    );
  if (accounts.isError) return <Alert>{messageOf(accounts.error)}</Alert>;
  const { data, proofInstructions: proof } = accounts.data;
  return (
    <Card title="Your AWS accounts">
      <div className="space-y-4 text-sm">
        <p className="text-slate-600">
          Needed for a link without a load balancer (prove the account that owns the resource configuration), and for an endpoint service that allows our whole
          AWS account or everyone (<code>*</code>) instead of your organization&apos;s role (prove the service&apos;s account). In each account, create an IAM
          role named <code className="break-all font-mono">{proof.roleName}</code> with the trust policy below. It trusts only{" "}
          <code className="break-all font-mono">{proof.trustedPrincipal}</code> with your external id{" "}
          <code className="break-all font-mono" data-testid="ownership-external-id">
            {proof.externalId}
          </code>
          , and needs no permissions. Then add the account here and check it.
        </p>
        <div className="relative">
          <div className="absolute right-2 top-2">
            <CopyButton value={proof.trustPolicy} />
          </div>
          <pre tabIndex={0} className={`overflow-auto rounded-md bg-slate-900 p-4 text-xs text-slate-100 ${SCROLLABLE_FOCUS}`} data-testid="proof-trust-policy">
            {JSON.stringify(JSON.parse(proof.trustPolicy), null, 2)}
          </pre>
        </div>
        <DeclareForm />
        {data.length === 0 ? <p className="text-slate-600">No AWS account declared yet.</p> : <AccountList accounts={data} />}
      </div>
    </Card>
  );
}

function DeclareForm() {
  const declare = useDeclareAwsAccount();
  const { errors, isSending, onSubmit } = useFormSubmit({
    read: (values) => validate(declareAwsAccountInputSchema, { accountId: values.get("accountId") }),
    send: declare.mutateAsync,
    onSuccess: (_, { form }) => form.reset(),
    // The form's one field carries any refusal.
    errorsOf: (error) => {
      const { form, ...fields } = fieldErrorsOf(error);
      return form ? { accountId: form } : fields;
    },
  });
  return (
    <form noValidate onSubmit={onSubmit} aria-label="Declare an AWS account" className="flex flex-wrap items-end gap-2">
      <div className="min-w-0 flex-1">
        <Field label="AWS account id" name="accountId" placeholder="123456789012" inputMode="numeric" error={errors.accountId} className="font-mono" />
      </div>
      <Button type="submit" isLoading={isSending}>
        Add account
      </Button>
    </form>
  );
}

function AccountList({ accounts }: { accounts: AwsAccount[] }) {
  const verify = useVerifyAwsAccount();
  const remove = useRemoveAwsAccount();
  const error = verify.error ?? remove.error;
  return (
    <>
      {error ? <Alert>{messageOf(error)}</Alert> : null}
      <ul className="divide-y divide-slate-100" data-testid="aws-accounts">
        {accounts.map((account) => (
          <li key={account.id} className="space-y-1 py-2">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <span className="font-mono">{account.accountId}</span>
              <span
                className={`rounded-full px-2.5 py-0.5 text-xs font-medium ${account.proof === "proved" ? "bg-emerald-100 text-emerald-800" : "bg-amber-100 text-amber-900"}`}
              >
                {account.proof === "proved" ? "Proved" : "Not proved"}
              </span>
              <span className="flex gap-2">
                <Button variant="secondary" isLoading={verify.isPending && verify.variables === account.id} onClick={() => verify.mutate(account.id)}>
                  Check proof
                </Button>
                <Button variant="secondary" isLoading={remove.isPending && remove.variables === account.id} onClick={() => remove.mutate(account.id)}>
                  Remove
                </Button>
              </span>
            </div>
            {account.lastError ? <p className="text-xs text-amber-900">{account.lastError}</p> : null}
          </li>
        ))}
      </ul>
    </>
  );
}
