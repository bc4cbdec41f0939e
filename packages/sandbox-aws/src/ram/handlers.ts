import { randomUUID } from "node:crypto";
import { AwsError } from "../errors";
import { page, type Invalid, type JsonContext, type JsonHandler, type JsonRoute } from "../wire/json";
import { hasAccepted, principalAccount, type InvitationRecord, type ResourceShareRecord } from "./store";

/**
 * AWS RAM, as far as sharing a resource configuration with another account goes. The sandbox has
 * no AWS Organizations, so every account is external: a share to an account sends it an
 * invitation, and the resource is shared once that account accepts it. Only vpc-lattice resource
 * configurations (and gateways) of the caller can be shared.
 */

export const invalid: Invalid = (message) => new AwsError("InvalidParameterException", message);

const SHAREABLE = /^arn:aws:vpc-lattice:([a-z0-9-]+):(\d{12}):(resourceconfiguration\/rcfg-|resourcegateway\/rgw-)[0-9a-z]{17}$/;
const SHARE_ARN = /^arn:aws:ram:[a-z0-9-]+:\d{12}:resource-share\/[0-9a-f-]{36}$/;
const INVITATION_ARN = /^arn:aws:ram:[a-z0-9-]+:\d{12}:resource-share-invitation\/[0-9a-f-]{36}$/;
const seconds = (ms: number) => ms / 1000;

function unknownShare(arn: string): AwsError {
  return new AwsError("UnknownResourceException", `ResourceShare ${arn} could not be found.`);
}

function shareView(share: ResourceShareRecord) {
  return {
    resourceShareArn: share.arn,
    name: share.name,
    owningAccountId: share.ownerId,
    allowExternalPrincipals: share.allowExternalPrincipals,
    status: share.status,
    tags: share.tags,
    creationTime: seconds(share.createdAt),
    lastUpdatedTime: seconds(share.updatedAt),
    featureSet: "STANDARD",
  };
}

function invitationView(ctx: JsonContext, invitation: InvitationRecord) {
  const share = ctx.runtime.state.ram.shares.get(invitation.shareArn);
  return {
    resourceShareInvitationArn: invitation.arn,
    resourceShareName: share?.name,
    resourceShareArn: invitation.shareArn,
    senderAccountId: invitation.senderAccountId,
    receiverAccountId: invitation.receiverAccountId,
    invitationTimestamp: seconds(invitation.createdAt),
    status: invitation.status,
  };
}

/** The caller's share by ARN: malformed is MalformedArnException, another's or unknown is UnknownResourceException. */
function ownShare(ctx: JsonContext, arn: string): ResourceShareRecord {
  if (!SHARE_ARN.test(arn)) throw new AwsError("MalformedArnException", `The format of ARN ${arn} is not valid.`);
  const share = ctx.runtime.state.ram.shares.get(arn);
  if (!share || share.ownerId !== ctx.caller.accountId || share.status === "DELETED") throw unknownShare(arn);
  return share;
}

/** Resources the caller owns in this region, as RAM checks them. */
function checkResources(ctx: JsonContext, arns: string[]): void {
  const { lattice } = ctx.runtime.state;
  for (const arn of arns) {
    const match = SHAREABLE.exec(arn);
    if (!match) {
      if (!arn.startsWith("arn:")) throw new AwsError("MalformedArnException", `The format of ARN ${arn} is not valid.`);
      throw new AwsError("InvalidResourceTypeException", `The sandbox shares vpc-lattice resource configurations and resource gateways only, not ${arn}.`);
    }
    const id = arn.split("/").at(-1) ?? "";
    const record = lattice.configurations.get(id) ?? lattice.gateways.get(id);
    if (!record || record.arn !== arn || record.ownerId !== ctx.caller.accountId)
      throw new AwsError("UnknownResourceException", `The resource ${arn} does not exist.`);
  }
}

function checkPrincipals(share: Pick<ResourceShareRecord, "allowExternalPrincipals" | "ownerId">, principals: string[]): void {
  for (const principal of principals) {
    const account = principalAccount(principal);
    if (!account) throw invalid(`Principal ${principal} is not an AWS account id (123456789012) or an account's root ARN.`);
    if (account === share.ownerId) throw new AwsError("OperationNotPermittedException", "A resource share cannot be shared with its own account.");
    if (!share.allowExternalPrincipals) {
      throw new AwsError(
        "OperationNotPermittedException",
        `Account ${account} is outside your organization, and the resource share does not allow external principals.`,
      );
    }
  }
}

/** An invitation per account newly named, as RAM sends one to each external account. */
function invite(ctx: JsonContext, share: ResourceShareRecord, principals: string[]): void {
  const { invitations } = ctx.runtime.state.ram;
  for (const principal of principals) {
    const account = principalAccount(principal)!;
    const pending = [...invitations.values()].some((i) => i.shareArn === share.arn && i.receiverAccountId === account && i.status !== "REJECTED");
    if (pending) continue;
    const arn = `arn:aws:ram:${ctx.region}:${share.ownerId}:resource-share-invitation/${randomUUID()}`;
    invitations.set(arn, {
      arn,
      shareArn: share.arn,
      senderAccountId: share.ownerId,
      receiverAccountId: account,
      region: ctx.region,
      status: "PENDING",
      createdAt: ctx.now,
    });
  }
}

const createResourceShare: JsonHandler = (ctx) => {
  const { input, runtime, caller } = ctx;
  const name = input.string("name");
  if (!name) throw new AwsError("MissingRequiredParameterException", "The request is missing the required parameter name.");
  const fingerprint = input.fingerprint();
  const token = input.string("clientToken");
  const tokenKey = token ? `${caller.accountId}/${ctx.region}/resource-share/${token}` : undefined;
  const [previousArn, previous] = (tokenKey ? (runtime.state.clientTokens.get(tokenKey) ?? "") : "").split("|");
  if (previousArn) {
    if (previous !== fingerprint) throw new AwsError("IdempotentParameterMismatchException", "The client token was used with different parameters.");
    const known = runtime.state.ram.shares.get(previousArn);
    if (known) return { resourceShare: shareView(known), clientToken: token };
  }
  const resourceArns = input.strings("resourceArns");
  const principals = input.strings("principals");
  const tags = tagList(ctx);
  checkResources(ctx, resourceArns);
  const allowExternalPrincipals = input.bool("allowExternalPrincipals") ?? true;
  checkPrincipals({ allowExternalPrincipals, ownerId: caller.accountId }, principals);
  const arn = `arn:aws:ram:${ctx.region}:${caller.accountId}:resource-share/${randomUUID()}`;
  const share: ResourceShareRecord = {
    arn,
    name,
    ownerId: caller.accountId,
    region: ctx.region,
    allowExternalPrincipals,
    status: "ACTIVE",
    resourceArns,
    principals,
    tags,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    fingerprint,
  };
  runtime.state.ram.shares.set(arn, share);
  invite(ctx, share, principals);
  if (tokenKey) runtime.state.clientTokens.set(tokenKey, `${arn}|${fingerprint}`);
  return { resourceShare: shareView(share), clientToken: token };
};

function tagList(ctx: JsonContext): { key: string; value: string }[] {
  return ctx.input.records("tags").map((tag) => {
    if (typeof tag.key !== "string" || (tag.value !== undefined && typeof tag.value !== "string")) throw invalid("tags must be a list of { key, value }.");
    return { key: tag.key, value: tag.value ?? "" };
  });
}

const getResourceShares: JsonHandler = (ctx) => {
  const { input, caller } = ctx;
  const owner = input.string("resourceOwner");
  if (owner !== "SELF" && owner !== "OTHER-ACCOUNTS") throw new AwsError("MissingRequiredParameterException", "resourceOwner must be SELF or OTHER-ACCOUNTS.");
  const { shares } = ctx.runtime.state.ram;
  const arns = input.strings("resourceShareArns");
  const status = input.string("resourceShareStatus");
  const name = input.string("name");
  // Each filter names a tag key and, optionally, the values it may have; a share matches every filter.
  const tagFilters = input.records("tagFilters").map((filter) => ({
    key: typeof filter.tagKey === "string" ? filter.tagKey : "",
    values: Array.isArray(filter.tagValues) ? filter.tagValues.filter((v): v is string => typeof v === "string") : [],
  }));
  const tagged = (share: ResourceShareRecord) =>
    tagFilters.every((f) => share.tags.some((t) => t.key === f.key && (f.values.length === 0 || f.values.includes(t.value))));
  const accepted = (share: ResourceShareRecord) => hasAccepted(ctx.runtime.state.ram, share.arn, caller.accountId);
  const matching = [...shares.values()]
    .filter((s) => s.region === ctx.region && (owner === "SELF" ? s.ownerId === caller.accountId : s.ownerId !== caller.accountId && accepted(s)))
    .filter((s) => (!arns.length || arns.includes(s.arn)) && (!status || s.status === status) && (!name || s.name === name) && tagged(s));
  const { items, nextToken } = page(matching, (s) => s.arn, input.int("maxResults", { min: 1, max: 500 }), input.string("nextToken"), invalid);
  return { resourceShares: items.map(shareView), nextToken };
};

const getResourceShareInvitations: JsonHandler = (ctx) => {
  const { input, caller } = ctx;
  const arns = input.strings("resourceShareInvitationArns");
  const shareArns = input.strings("resourceShareArns");
  const { invitations } = ctx.runtime.state.ram;
  for (const arn of arns) {
    if (!INVITATION_ARN.test(arn)) throw new AwsError("MalformedArnException", `The format of ARN ${arn} is not valid.`);
    const invitation = invitations.get(arn);
    if (!invitation || invitation.receiverAccountId !== caller.accountId) {
      throw new AwsError("ResourceShareInvitationArnNotFoundException", `ResourceShareInvitation ${arn} could not be found.`);
    }
  }
  const matching = [...invitations.values()]
    .filter((i) => i.receiverAccountId === caller.accountId && i.region === ctx.region)
    .filter((i) => (!arns.length || arns.includes(i.arn)) && (!shareArns.length || shareArns.includes(i.shareArn)));
  const { items, nextToken } = page(matching, (i) => i.arn, input.int("maxResults", { min: 1, max: 500 }), input.string("nextToken"), invalid);
  return { resourceShareInvitations: items.map((i) => invitationView(ctx, i)), nextToken };
};

function receivedInvitation(ctx: JsonContext): InvitationRecord {
  const arn = ctx.input.string("resourceShareInvitationArn");
  if (!arn) throw new AwsError("MissingRequiredParameterException", "The request is missing the required parameter resourceShareInvitationArn.");
  if (!INVITATION_ARN.test(arn)) throw new AwsError("MalformedArnException", `The format of ARN ${arn} is not valid.`);
  const invitation = ctx.runtime.state.ram.invitations.get(arn);
  if (!invitation || invitation.receiverAccountId !== ctx.caller.accountId) {
    throw new AwsError("ResourceShareInvitationArnNotFoundException", `ResourceShareInvitation ${arn} could not be found.`);
  }
  return invitation;
}

function answerInvitation(status: "ACCEPTED" | "REJECTED"): JsonHandler {
  return (ctx) => {
    const invitation = receivedInvitation(ctx);
    if (invitation.status === "ACCEPTED")
      throw new AwsError("ResourceShareInvitationAlreadyAcceptedException", `ResourceShareInvitation ${invitation.arn} has already been accepted.`);
    if (invitation.status === "REJECTED")
      throw new AwsError("ResourceShareInvitationAlreadyRejectedException", `ResourceShareInvitation ${invitation.arn} has already been rejected.`);
    if (ctx.runtime.state.ram.shares.get(invitation.shareArn)?.status !== "ACTIVE") {
      throw new AwsError("ResourceShareInvitationExpiredException", `The resource share of ResourceShareInvitation ${invitation.arn} no longer exists.`);
    }
    invitation.status = status;
    return { resourceShareInvitation: invitationView(ctx, invitation), clientToken: ctx.input.string("clientToken") };
  };
}

function associationViews(share: ResourceShareRecord, type: "PRINCIPAL" | "RESOURCE", entities: string[], status: string, ctx: JsonContext) {
  return entities.map((entity) => {
    const account = type === "PRINCIPAL" ? principalAccount(entity) : undefined;
    const accepted = account && hasAccepted(ctx.runtime.state.ram, share.arn, account);
    return {
      resourceShareArn: share.arn,
      resourceShareName: share.name,
      associatedEntity: entity,
      associationType: type,
      // An external account's association is ASSOCIATING until it accepts the invitation.
      status: status === "ASSOCIATED" && type === "PRINCIPAL" && !accepted ? "ASSOCIATING" : status,
      creationTime: seconds(share.createdAt),
      lastUpdatedTime: seconds(share.updatedAt),
      external: type === "PRINCIPAL",
    };
  });
}

const associateResourceShare: JsonHandler = (ctx) => {
  const share = ownShare(ctx, ctx.input.required("resourceShareArn"));
  const resourceArns = ctx.input.strings("resourceArns").filter((arn) => !share.resourceArns.includes(arn));
  const principals = ctx.input.strings("principals").filter((p) => !share.principals.includes(p));
  checkResources(ctx, resourceArns);
  checkPrincipals(share, principals);
  share.resourceArns.push(...resourceArns);
  share.principals.push(...principals);
  share.updatedAt = ctx.now;
  invite(ctx, share, principals);
  return {
    resourceShareAssociations: [
      ...associationViews(share, "RESOURCE", resourceArns, "ASSOCIATED", ctx),
      ...associationViews(share, "PRINCIPAL", principals, "ASSOCIATED", ctx),
    ],
    clientToken: ctx.input.string("clientToken"),
  };
};

/** Removing a principal or a resource ends that account's use of it: its invitation no longer grants anything. */
const disassociateResourceShare: JsonHandler = (ctx) => {
  const share = ownShare(ctx, ctx.input.required("resourceShareArn"));
  const resourceArns = ctx.input.strings("resourceArns");
  const principals = ctx.input.strings("principals");
  share.resourceArns = share.resourceArns.filter((arn) => !resourceArns.includes(arn));
  share.principals = share.principals.filter((p) => !principals.includes(p));
  share.updatedAt = ctx.now;
  const gone = new Set(principals.map(principalAccount));
  for (const [arn, invitation] of ctx.runtime.state.ram.invitations)
    if (invitation.shareArn === share.arn && gone.has(invitation.receiverAccountId)) ctx.runtime.state.ram.invitations.delete(arn);
  return {
    resourceShareAssociations: [
      ...associationViews(share, "RESOURCE", resourceArns, "DISASSOCIATED", ctx),
      ...associationViews(share, "PRINCIPAL", principals, "DISASSOCIATED", ctx),
    ],
    clientToken: ctx.input.string("clientToken"),
  };
};

const getResourceShareAssociations: JsonHandler = (ctx) => {
  const { input } = ctx;
  const type = input.string("associationType");
  if (type !== "PRINCIPAL" && type !== "RESOURCE") throw new AwsError("MissingRequiredParameterException", "associationType must be PRINCIPAL or RESOURCE.");
  const arns = input.strings("resourceShareArns");
  const resourceArn = input.string("resourceArn");
  const principal = input.string("principal");
  const status = input.string("associationStatus");
  const associations = [...ctx.runtime.state.ram.shares.values()]
    .filter((s) => s.ownerId === ctx.caller.accountId && s.region === ctx.region && s.status === "ACTIVE" && (!arns.length || arns.includes(s.arn)))
    .flatMap((s) => associationViews(s, type, type === "RESOURCE" ? s.resourceArns : s.principals, "ASSOCIATED", ctx))
    .filter(
      (a) => (!resourceArn || a.associatedEntity === resourceArn) && (!principal || a.associatedEntity === principal) && (!status || a.status === status),
    );
  const { items, nextToken } = page(
    associations,
    (a) => `${a.resourceShareArn} ${a.associatedEntity}`,
    input.int("maxResults", { min: 1, max: 500 }),
    input.string("nextToken"),
    invalid,
  );
  return { resourceShareAssociations: items, nextToken };
};

const deleteResourceShare: JsonHandler = (ctx) => {
  const share = ownShare(ctx, ctx.input.required("resourceShareArn"));
  share.status = "DELETED";
  share.updatedAt = ctx.now;
  return { returnValue: true, clientToken: ctx.input.string("clientToken") };
};

/** A resource's type as RAM names it (`vpc-lattice:ResourceConfiguration`). */
function resourceType(arn: string): string {
  return arn.includes(":resourcegateway/") ? "vpc-lattice:ResourceGateway" : "vpc-lattice:ResourceConfiguration";
}

/** The AWS-managed permission RAM attaches by default for each resource type a share holds. */
const listResourceSharePermissions: JsonHandler = (ctx) => {
  const share = ownShare(ctx, ctx.input.required("resourceShareArn"));
  const types = [...new Set(share.resourceArns.map(resourceType))].sort();
  return {
    permissions: types.map((type) => ({
      arn: `arn:aws:ram::aws:permission/AWSRAMPermissionVpcLattice${type.split(":")[1]}`,
      version: "1",
      defaultVersion: true,
      name: `AWSRAMPermissionVpcLattice${type.split(":")[1]}`,
      resourceType: type,
      status: "ATTACHABLE",
      creationTime: seconds(share.createdAt),
      lastUpdatedTime: seconds(share.updatedAt),
      isResourceTypeDefault: true,
      permissionType: "AWS_MANAGED",
      featureSet: "STANDARD",
    })),
  };
};

/** The resources of the caller's shares (SELF), or those shared with it through invitations it accepted (OTHER-ACCOUNTS). */
const listResources: JsonHandler = (ctx) => {
  const { input, caller } = ctx;
  const owner = input.string("resourceOwner");
  if (owner !== "SELF" && owner !== "OTHER-ACCOUNTS") throw new AwsError("MissingRequiredParameterException", "resourceOwner must be SELF or OTHER-ACCOUNTS.");
  const { shares } = ctx.runtime.state.ram;
  const arns = input.strings("resourceArns");
  const shareArns = input.strings("resourceShareArns");
  const type = input.string("resourceType")?.toLowerCase();
  const accepted = (share: ResourceShareRecord) => hasAccepted(ctx.runtime.state.ram, share.arn, caller.accountId);
  const resources = [...shares.values()]
    .filter((s) => s.status === "ACTIVE" && s.region === ctx.region && (!shareArns.length || shareArns.includes(s.arn)))
    .filter((s) => (owner === "SELF" ? s.ownerId === caller.accountId : s.ownerId !== caller.accountId && accepted(s)))
    .flatMap((s) =>
      s.resourceArns.map((arn) => ({
        arn,
        type: resourceType(arn),
        resourceShareArn: s.arn,
        status: "AVAILABLE",
        creationTime: seconds(s.createdAt),
        lastUpdatedTime: seconds(s.updatedAt),
        resourceRegionScope: "REGIONAL",
      })),
    )
    .filter((r) => (!arns.length || arns.includes(r.arn)) && (!type || r.type.toLowerCase() === type));
  const { items, nextToken } = page(
    resources,
    (r) => `${r.resourceShareArn} ${r.arn}`,
    input.int("maxResults", { min: 1, max: 500 }),
    input.string("nextToken"),
    invalid,
  );
  return { resources: items, nextToken };
};

export const ramRoutes: JsonRoute[] = [
  { method: "POST", path: "/createresourceshare", action: "CreateResourceShare", handler: createResourceShare },
  { method: "POST", path: "/getresourceshares", action: "GetResourceShares", handler: getResourceShares },
  { method: "POST", path: "/getresourceshareinvitations", action: "GetResourceShareInvitations", handler: getResourceShareInvitations },
  { method: "POST", path: "/acceptresourceshareinvitation", action: "AcceptResourceShareInvitation", handler: answerInvitation("ACCEPTED") },
  { method: "POST", path: "/rejectresourceshareinvitation", action: "RejectResourceShareInvitation", handler: answerInvitation("REJECTED") },
  { method: "POST", path: "/associateresourceshare", action: "AssociateResourceShare", handler: associateResourceShare },
  { method: "POST", path: "/disassociateresourceshare", action: "DisassociateResourceShare", handler: disassociateResourceShare },
  { method: "POST", path: "/getresourceshareassociations", action: "GetResourceShareAssociations", handler: getResourceShareAssociations },
  { method: "DELETE", path: "/deleteresourceshare", action: "DeleteResourceShare", handler: deleteResourceShare },
  { method: "POST", path: "/listresourcesharepermissions", action: "ListResourceSharePermissions", handler: listResourceSharePermissions },
  { method: "POST", path: "/listresources", action: "ListResources", handler: listResources },
];
