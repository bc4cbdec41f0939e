import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LinkDetail } from "@/components/links/link-detail";
import { pageCtx } from "@/lib/auth/page-ctx";
import { appEngine } from "@/lib/engine";
import { AppError } from "@/lib/errors";
import { getConnectivity, getLink, listLinkEvents } from "@/lib/links/read-links";
import { builtInSandbox } from "@/lib/sandbox-console/detect";

export const metadata: Metadata = { title: "Link" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The account id in an IAM ARN (`arn:aws:iam::<account>:role/…`). */
const accountOfArn = (arn: string) => /^arn:aws[a-z-]*:iam::(\d{12}):/.exec(arn)?.[1] ?? null;

/** Rendered with the link, its timeline and the account our requests come from, in one round trip; then live on the client. */
export default async function LinkPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const ctx = await pageCtx();
  if (!ctx) return null;
  const [link, events, connectivity, sandbox] = await Promise.all([
    getLink({ ctx, input: { linkId: id } }),
    listLinkEvents({ ctx, input: { linkId: id, limit: 100 } }),
    getConnectivity({ ctx }),
    builtInSandbox(appEngine()),
  ]).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  return <LinkDetail initial={{ link, events: events.data }} requesterAccountId={accountOfArn(connectivity.principalArn)} isSandbox={Boolean(sandbox)} />;
}
