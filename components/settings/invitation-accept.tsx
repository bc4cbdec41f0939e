"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { answerOf, api, messageOf, problemOf } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { validate } from "@/components/ui/field-errors";
import { useFormSubmit } from "@/components/ui/use-form-submit";
import { acceptInvitationInputSchema, joinedOrganizationSchema, type AcceptInvitationInput } from "@/lib/orgs/member-schemas";
import { signInWithCredentials } from "@/components/auth/credentials-sign-in";
import { chooseActiveOrganization } from "@/lib/auth/active-organization";

/** Signed in with the invited email: one click joins. */
export function JoinInvitationButton({ token, organizationName }: { token: string; organizationName: string }) {
  const router = useRouter();
  const join = useMutation({ mutationFn: () => answerOf(api.POST("/api/v1/invitations/join", { body: { token } })) });
  return (
    <div className="space-y-3">
      {join.error ? <Alert>{messageOf(join.error)}</Alert> : null}
      <Button
        isLoading={join.isPending}
        onClick={() =>
          join.mutate(undefined, {
            onSuccess: ({ organization }) => {
              // The portal now acts for the organization just joined.
              chooseActiveOrganization(organization.id);
              router.push("/settings");
              router.refresh();
            },
          })
        }
      >
        Join {organizationName}
      </Button>
    </div>
  );
}

/** POST /api/v1/invitations/accept: public (the token is the credential), so not in the typed client. */
async function acceptInvitation(input: AcceptInvitationInput) {
  const response = await fetch("/api/v1/invitations/accept", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(input),
    credentials: "same-origin",
  });
  if (!response.ok) throw await problemOf(response);
  return joinedOrganizationSchema.parse(await response.json());
}

/** No account yet: create the invited email's account, join, and sign in. */
export function AcceptInvitationForm({ token, email }: { token: string; email: string }) {
  const router = useRouter();
  const [isSigningIn, setIsSigningIn] = useState(false);
  const { errors, setErrors, isSending, onSubmit } = useFormSubmit({
    read: (values) => validate(acceptInvitationInputSchema, { token, name: values.get("name"), password: values.get("password") }),
    send: acceptInvitation,
    onSuccess: async (_, { data }) => {
      setIsSigningIn(true);
      if ((await signInWithCredentials({ email, password: data.password }, "/", null)).ok) {
        router.push("/");
        router.refresh();
        return;
      }
      setIsSigningIn(false);
      setErrors({ form: "Your account is ready, but signing in did not complete. Sign in with your email and new password." });
    },
  });

  return (
    <form noValidate onSubmit={onSubmit} aria-label="Create your account" className="space-y-4">
      <p className="text-sm text-slate-600">Create your account to join.</p>
      <Field label="Email" name="email" type="email" value={email} readOnly autoComplete="username" />
      <Field label="Your name" name="name" autoComplete="name" error={errors.name} />
      <Field label="Password" name="password" type="password" autoComplete="new-password" error={errors.password} hint="At least 12 characters." />
      {errors.form ? <Alert>{errors.form}</Alert> : null}
      {errors.token ? <Alert>{errors.token}</Alert> : null}
      <Button type="submit" className="w-full" isLoading={isSending || isSigningIn}>
        Create account and join
      </Button>
    </form>
  );
}
