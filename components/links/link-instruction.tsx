import Link from "next/link";
import type { ReactNode } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import type { Link as LinkView } from "@/lib/api-client/client";
import { nextStepOf, releaseSentence, showsErrorOf, STATE_DISPLAY } from "@/lib/links/state-display";

/** `vpce-svc-…`, the id the console and the CLI use, from the service name. */
export function serviceIdOf(serviceName: string): string {
  return serviceName.slice(serviceName.lastIndexOf(".") + 1);
}

export function acceptCommandOf(link: Pick<LinkView, "serviceName" | "serviceRegion" | "endpointId">): string {
  return `aws ec2 accept-vpc-endpoint-connections --region ${link.serviceRegion} --service-id ${serviceIdOf(link.serviceName)} --vpc-endpoint-ids ${link.endpointId}`;
}

/** What to do now: one instruction per state (and, while waiting for acceptance, exactly where). */
export function LinkInstruction({ link, requesterAccountId, isSandbox }: { link: LinkView; requesterAccountId: string | null; isSandbox: boolean }) {
  const display = STATE_DISPLAY[link.state];
  // A resource link is never waiting for acceptance: AWS makes its endpoint available by itself.
  if (display.asksToAccept && link.kind === "service" && link.endpointId)
    return <AcceptInstruction link={link} requesterAccountId={requesterAccountId} isSandbox={isSandbox} />;
  const release = releaseSentence(link, dayOf);
  return (
    <div className="space-y-3 text-sm">
      {release ? <p data-testid="release">{release}</p> : null}
      <p data-testid="next-step">{nextStepOf(link.state, link.kind)}</p>
      {link.lastError && showsErrorOf(link.state, link.kind) ? (
        <p className="rounded-md bg-amber-50 p-3 text-amber-900" data-testid="last-error">
          {link.lastError.message} <span className="font-mono text-xs">({link.lastError.code})</span>
        </p>
      ) : null}
    </div>
  );
}

/** "8 December 2026 at 10:30 UTC": in UTC, so the server and every browser write the same. */
function dayOf(iso: string): string {
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(new Date(iso)) + " UTC";
}

function AcceptInstruction({ link, requesterAccountId, isSandbox }: { link: LinkView; requesterAccountId: string | null; isSandbox: boolean }) {
  const serviceId = serviceIdOf(link.serviceName);
  const command = acceptCommandOf(link);
  const owner = link.trust.serviceOwnerAccountId;
  return (
    <div className="space-y-3 text-sm" data-testid="next-step">
      <p>
        Accept the connection request in{" "}
        {owner ? (
          <>
            AWS account <span className="font-mono">{owner}</span>
          </>
        ) : (
          "the AWS account that owns the service"
        )}
        , region <span className="font-mono">{link.serviceRegion}</span>. The request comes from endpoint <Code>{link.endpointId}</Code>
        {requesterAccountId ? (
          <>
            , owned by our account <Code>{requesterAccountId}</Code>
          </>
        ) : null}
        .
      </p>
      <ol className="list-decimal space-y-1 pl-5">
        <li>
          Open the VPC console in <span className="font-mono">{link.serviceRegion}</span> → <b>Endpoint services</b> → select <Code>{serviceId}</Code>.
        </li>
        <li>
          Open the <b>Endpoint connections</b> tab and select endpoint <Code>{link.endpointId}</Code>.
        </li>
        <li>
          Choose <b>Actions</b> → <b>Accept endpoint connection request</b>, and confirm.
        </li>
      </ol>
      <div>
        <p className="mb-1">Or with the AWS CLI, as that account:</p>
        <div className="flex items-start gap-2 rounded-md bg-slate-900 p-3">
          <code className="min-w-0 flex-1 break-all font-mono text-xs text-slate-100" data-testid="accept-command">
            {command}
          </code>
          <CopyButton value={command} label="Copy command" tone="dark" />
        </div>
      </div>
      {isSandbox ? (
        <p className="rounded-md border border-dashed border-amber-500 bg-amber-50 p-3 text-amber-950">
          Trying the sandbox? Accept the request in the{" "}
          <Link href="/sandbox" className="font-medium underline">
            Sandbox console
          </Link>
          , under the service&apos;s connection requests.
        </p>
      ) : null}
      <p className="text-slate-600">This page updates by itself once the request is accepted.</p>
    </div>
  );
}

function Code({ children }: { children: ReactNode }) {
  return <code className="whitespace-nowrap rounded bg-slate-100 px-1 font-mono text-xs text-slate-800">{children}</code>;
}
