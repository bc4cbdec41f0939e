import { AwsError } from "./errors";
import { isPolicyDocument } from "./policy";
import type { Handler, RequestContext } from "./runtime";
import { hexId, SandboxState, type Role } from "./state";
import { XmlMap, type XmlObject } from "./wire/xml";

/** AWS's default quotas per account; each sandbox's are its runtime's `iamQuotas`. */
export const DEFAULT_IAM_QUOTAS = { roles: 1000 };

const NAME = /^[\w+=,.@-]{1,64}$/;
const PATH = /^\/([\x21-\x7e]*\/)?$/;

function validation(message: string): AwsError {
  return new AwsError("ValidationError", message);
}

function roleXml(role: Role): XmlObject {
  return {
    Path: role.path,
    RoleName: role.roleName,
    RoleId: role.roleId,
    Arn: role.arn,
    CreateDate: role.createdAt,
    // IAM returns policy documents URL-encoded; SDKs that know it (boto3) decode them.
    AssumeRolePolicyDocument: encodeURIComponent(role.trustPolicy),
    Description: role.description,
    MaxSessionDuration: role.maxSessionDuration,
    Tags: role.tags.length ? role.tags.map((t) => ({ Key: t.key, Value: t.value })) : undefined,
  };
}

function roleName(ctx: RequestContext): string {
  const name = ctx.params.required("RoleName");
  if (!NAME.test(name)) {
    throw validation(
      `1 validation error detected: Value '${name}' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+`,
    );
  }
  return name;
}

export function findRole(ctx: RequestContext, accountId: string, name: string): Role {
  const role = ctx.runtime.state.roles.get(SandboxState.roleKey(accountId, name));
  if (!role) throw new AwsError("NoSuchEntity", `The role with name ${name} cannot be found.`, 404);
  return role;
}

function policyDocument(ctx: RequestContext, name: string): string {
  const document = ctx.params.required(name);
  if (!isPolicyDocument(document)) throw new AwsError("MalformedPolicyDocument", "This policy contains invalid Json");
  return document;
}

const createRole: Handler = (ctx) => {
  const name = roleName(ctx);
  const trustPolicy = policyDocument(ctx, "AssumeRolePolicyDocument");
  const path = ctx.params.get("Path") ?? "/";
  if (!PATH.test(path) || path.length > 512) {
    throw validation(
      `1 validation error detected: Value '${path}' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)`,
    );
  }
  const maxSessionDuration = ctx.params.int("MaxSessionDuration", { min: 3600, max: 43200 }) ?? 3600;
  const key = SandboxState.roleKey(ctx.caller.accountId, name);
  if (ctx.runtime.state.roles.has(key)) throw new AwsError("EntityAlreadyExists", `Role with name ${name} already exists.`, 409);
  const quota = ctx.runtime.iamQuotas.roles;
  if (rolesOf(ctx, ctx.caller.accountId).length >= quota) throw new AwsError("LimitExceeded", `Cannot exceed quota for RolesPerAccount: ${quota}`, 409);
  const role: Role = {
    accountId: ctx.caller.accountId,
    roleName: name,
    roleId: `AROA${hexId(17).toUpperCase()}`,
    path,
    arn: `arn:aws:iam::${ctx.caller.accountId}:role${path}${name}`,
    trustPolicy,
    description: ctx.params.get("Description"),
    maxSessionDuration,
    createdAt: new Date(ctx.now).toISOString(),
    tags: ctx.params.tags("Tags"),
    inlinePolicies: {},
  };
  ctx.runtime.state.roles.set(key, role);
  ctx.runtime.consistency.roleCreated(role, ctx.now);
  return { Role: roleXml(role) };
};

function rolesOf(ctx: RequestContext, accountId: string): Role[] {
  return [...ctx.runtime.state.roles.values()].filter((role) => role.accountId === accountId);
}

// AWS answers some forty entries; these are the ones about roles, counted in the caller's account.
const getAccountSummary: Handler = (ctx) => ({
  SummaryMap: new XmlMap({ Roles: rolesOf(ctx, ctx.caller.accountId).length, RolesQuota: ctx.runtime.iamQuotas.roles }),
});

const getRole: Handler = (ctx) => ({ Role: roleXml(findRole(ctx, ctx.caller.accountId, roleName(ctx))) });

const listRoles: Handler = (ctx) => {
  const prefix = ctx.params.get("PathPrefix") ?? "/";
  const maxItems = ctx.params.int("MaxItems", { min: 1, max: 1000 }) ?? 100;
  const marker = ctx.params.get("Marker");
  const roles = [...ctx.runtime.state.roles.values()]
    .filter((role) => role.accountId === ctx.caller.accountId && role.path.startsWith(prefix))
    .sort((a, b) => (a.roleName.toLowerCase() < b.roleName.toLowerCase() ? -1 : 1));
  const start = marker ? roles.findIndex((role) => role.roleName.toLowerCase() > Buffer.from(marker, "base64url").toString()) : 0;
  const page = start < 0 ? [] : roles.slice(start, start + maxItems);
  const last = page.at(-1);
  const truncated = start >= 0 && start + maxItems < roles.length;
  return {
    Roles: page.map(roleXml),
    IsTruncated: truncated,
    Marker: truncated && last ? Buffer.from(last.roleName.toLowerCase()).toString("base64url") : undefined,
  };
};

const deleteRole: Handler = (ctx) => {
  const role = findRole(ctx, ctx.caller.accountId, roleName(ctx));
  if (Object.keys(role.inlinePolicies).length > 0) {
    throw new AwsError("DeleteConflict", "Cannot delete entity, must delete policies first.", 409);
  }
  ctx.runtime.state.roles.delete(SandboxState.roleKey(role.accountId, role.roleName));
  return undefined;
};

function policyName(ctx: RequestContext): string {
  const name = ctx.params.required("PolicyName");
  if (!NAME.test(name) || name.length > 128) {
    throw validation(
      `1 validation error detected: Value '${name}' at 'policyName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+`,
    );
  }
  return name;
}

const putRolePolicy: Handler = (ctx) => {
  const role = findRole(ctx, ctx.caller.accountId, roleName(ctx));
  const name = policyName(ctx);
  const document = policyDocument(ctx, "PolicyDocument");
  ctx.runtime.consistency.policiesChanging(role, ctx.now);
  role.inlinePolicies[name] = document;
  return undefined;
};

const getRolePolicy: Handler = (ctx) => {
  const role = findRole(ctx, ctx.caller.accountId, roleName(ctx));
  const name = policyName(ctx);
  const document = role.inlinePolicies[name];
  if (document === undefined) throw new AwsError("NoSuchEntity", `The role policy with name ${name} cannot be found.`, 404);
  return { RoleName: role.roleName, PolicyName: name, PolicyDocument: encodeURIComponent(document) };
};

const listRolePolicies: Handler = (ctx) => {
  const role = findRole(ctx, ctx.caller.accountId, roleName(ctx));
  return { PolicyNames: Object.keys(role.inlinePolicies).sort(), IsTruncated: false };
};

const deleteRolePolicy: Handler = (ctx) => {
  const role = findRole(ctx, ctx.caller.accountId, roleName(ctx));
  const name = policyName(ctx);
  if (role.inlinePolicies[name] === undefined) {
    throw new AwsError("NoSuchEntity", `The role policy with name ${name} cannot be found.`, 404);
  }
  ctx.runtime.consistency.policiesChanging(role, ctx.now);
  delete role.inlinePolicies[name];
  return undefined;
};

export const iamHandlers: Record<string, Handler> = {
  GetAccountSummary: getAccountSummary,
  CreateRole: createRole,
  GetRole: getRole,
  ListRoles: listRoles,
  DeleteRole: deleteRole,
  PutRolePolicy: putRolePolicy,
  GetRolePolicy: getRolePolicy,
  ListRolePolicies: listRolePolicies,
  DeleteRolePolicy: deleteRolePolicy,
};
