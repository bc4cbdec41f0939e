import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SandboxBanner } from "@/components/sandbox/sandbox-banner";
import { SandboxConsole } from "@/components/sandbox/sandbox-console";
import { appEngine } from "@/lib/engine";
import { builtInSandbox } from "@/lib/sandbox-console/detect";

export const metadata: Metadata = { title: "Sandbox customer console" };

/** The customer's AWS side in the built-in sandbox; 404 when the portal runs against any other AWS. */
export default async function SandboxPage() {
  if (!(await builtInSandbox(appEngine()))) notFound();
  return (
    <>
      <SandboxBanner />
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">Sandbox customer console</h1>
        <p className="text-sm text-slate-600">
          Play your AWS account: create the endpoint service, allowlist your organization&apos;s principal, then register the service name in the portal and
          accept the connection request here. Or, without a load balancer, create a resource configuration shared with our account and register its ARN.
        </p>
      </div>
      <SandboxConsole />
    </>
  );
}
