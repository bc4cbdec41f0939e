import type { Metadata } from "next";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";

export const metadata: Metadata = { title: "Choose a new password" };

// Opening the page changes nothing (mail scanners open links): the token is checked when the form is sent.
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">Choose a new password</h1>
      <p className="mb-6 text-sm text-slate-600">Every browser signed in to your account will be signed out.</p>
      <ResetPasswordForm token={token} />
    </>
  );
}
