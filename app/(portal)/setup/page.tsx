import type { Metadata } from "next";
import { SetupGuide } from "@/components/links/setup-guide";
import { AwsAccounts } from "@/components/orgs/aws-accounts";

export const metadata: Metadata = { title: "Setup" };

export default function SetupPage() {
  return (
    <>
      <h1 className="text-2xl font-bold">Set up your endpoint service</h1>
      <SetupGuide />
      <AwsAccounts />
    </>
  );
}
