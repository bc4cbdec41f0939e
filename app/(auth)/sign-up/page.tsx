import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { getSessionContext } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage() {
  if (await getSessionContext()) redirect("/");
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">Create an account</h1>
      <p className="mb-6 text-sm text-slate-600">Set up your organization to connect your AWS services to us over PrivateLink.</p>
      <SignUpForm />
    </>
  );
}
