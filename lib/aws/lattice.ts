import "server-only";
import { AcceptResourceShareInvitationCommand, paginateGetResourceShareInvitations, type RAMClient } from "@aws-sdk/client-ram";
import { GetResourceConfigurationCommand, type VPCLatticeClient } from "@aws-sdk/client-vpc-lattice";
import { AwsCallError, awsCall, awsPages } from "./errors";

// What a resource link asks of VPC Lattice and AWS RAM: the configuration the customer shares, and the share's invitation
// to our account. Every failure leaves as an AwsCallError.

export type ResourceConfigurationFacts = {
  arn: string;
  /** SINGLE, GROUP, CHILD or ARN. */
  type: string;
  /** ACTIVE, CREATE_IN_PROGRESS, …, CREATE_FAILED. */
  status: string;
  /** "443", "5432", "8000-8100". */
  portRanges: string[];
  customDomainName?: string;
};

export async function getResourceConfiguration(lattice: VPCLatticeClient, arn: string): Promise<ResourceConfigurationFacts> {
  const answer = await awsCall(lattice.send(new GetResourceConfigurationCommand({ resourceConfigurationIdentifier: arn })), {
    operation: "vpc-lattice:GetResourceConfiguration",
  });
  return {
    arn: answer.arn ?? arn,
    type: answer.type ?? "",
    status: answer.status ?? "",
    portRanges: answer.portRanges ?? [],
    ...(answer.customDomainName ? { customDomainName: answer.customDomainName } : {}),
  };
}

/** `accepted`: pending invitations this call accepted; `earlier`: invitations from the sender accepted before. */
export type ShareInvitations = { accepted: string[]; earlier: string[] };

/**
 * Accepts the pending invitations to our account whose sender is `senderAccountId` (and whose share is `shareArn`, when
 * named). Only ever call it for a sender the organization proved it owns: an accepted share reaches our whole account.
 */
export async function acceptInvitationsFrom(ram: RAMClient, senderAccountId: string, shareArn?: string): Promise<ShareInvitations> {
  const result: ShareInvitations = { accepted: [], earlier: [] };
  const pages = paginateGetResourceShareInvitations({ client: ram }, shareArn ? { resourceShareArns: [shareArn] } : {});
  for await (const page of awsPages(pages, { operation: "ram:GetResourceShareInvitations" })) {
    for (const invitation of page.resourceShareInvitations ?? []) {
      if (invitation.senderAccountId !== senderAccountId || !invitation.resourceShareArn || !invitation.resourceShareInvitationArn) continue;
      if (invitation.status === "ACCEPTED") result.earlier.push(invitation.resourceShareArn);
      if (invitation.status !== "PENDING") continue;
      try {
        await awsCall(ram.send(new AcceptResourceShareInvitationCommand({ resourceShareInvitationArn: invitation.resourceShareInvitationArn })), {
          operation: "ram:AcceptResourceShareInvitation",
        });
        result.accepted.push(invitation.resourceShareArn);
      } catch (error) {
        // Another verification of ours took it between our look and our answer.
        if (!(error instanceof AwsCallError) || error.failure.code !== "ResourceShareInvitationAlreadyAcceptedException") throw error;
        result.earlier.push(invitation.resourceShareArn);
      }
    }
  }
  return result;
}
