import { randomBytes } from "node:crypto";
import { AwsError } from "./errors";
import { findRole } from "./iam";
import { trustPolicyAllows } from "./policy";
import { ROLE_ARN } from "./principals";
import type { Handler } from "./runtime";
import { hexId, type Session } from "./state";

const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
/** AWS caps role chaining (a session assuming another role) at one hour. */
const CHAINED_MAX_SECONDS = 3600;

function validation(member: string, value: string, constraint: string): AwsError {
  return new AwsError("ValidationError", `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${constraint}`);
}

const assumeRole: Handler = (ctx) => {
  const { params, caller, now, runtime } = ctx;
  const roleArn = params.required("RoleArn");
  const sessionName = params.required("RoleSessionName");
  if (roleArn.length < 20 || !roleArn.startsWith("arn:")) {
    throw validation("roleArn", roleArn, "Member must have length greater than or equal to 20");
  }
  if (!SESSION_NAME.test(sessionName)) {
    throw validation("roleSessionName", sessionName, "Member must satisfy regular expression pattern: [\\w+=,.@-]* and have length between 2 and 64");
  }
  const duration = params.int("DurationSeconds", { min: 900, max: 43200 }) ?? 3600;
  const externalId = params.get("ExternalId");
  if (externalId !== undefined && !/^[\w+=,.@:/-]{2,1224}$/.test(externalId)) {
    throw validation("externalId", externalId, "Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]* and have length between 2 and 1224");
  }
  const denied = new AwsError("AccessDenied", `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, 403);
  const match = ROLE_ARN.exec(roleArn);
  if (!match?.[1] || !match[2]) throw denied;
  let role;
  try {
    role = findRole(ctx, match[1], match[2]);
  } catch {
    throw denied;
  }
  // A role IAM has not propagated yet (new, or made again under its name) is refused as one that does not exist.
  if (!runtime.consistency.isRoleActive(role, now)) throw denied;
  if (role.arn !== roleArn || !trustPolicyAllows(role.trustPolicy, caller, externalId)) throw denied;
  const maximum = caller.roleArn ? CHAINED_MAX_SECONDS : role.maxSessionDuration;
  if (duration > maximum) {
    throw new AwsError(
      "ValidationError",
      caller.roleArn
        ? `The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.`
        : `The requested DurationSeconds exceeds the MaxSessionDuration set for this role.`,
    );
  }
  const session: Session = {
    accessKeyId: `ASIA${hexId(16).toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString("base64"),
    sessionToken: `FwoGZXIvYXdzE${randomBytes(96).toString("base64")}`,
    accountId: role.accountId,
    roleArn: role.arn,
    roleName: role.roleName,
    roleId: role.roleId,
    sessionName,
    expiresAt: now + duration * 1000,
  };
  runtime.state.sessions.set(session.accessKeyId, session);
  return {
    Credentials: {
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      SessionToken: session.sessionToken,
      Expiration: new Date(session.expiresAt),
    },
    AssumedRoleUser: {
      AssumedRoleId: `${role.roleId}:${sessionName}`,
      Arn: `arn:aws:sts::${role.accountId}:assumed-role/${role.roleName}/${sessionName}`,
    },
  };
};

const getCallerIdentity: Handler = (ctx) => ({
  UserId: ctx.caller.userId,
  Account: ctx.caller.accountId,
  Arn: ctx.caller.arn,
});

export const stsHandlers: Record<string, Handler> = {
  AssumeRole: assumeRole,
  GetCallerIdentity: getCallerIdentity,
};
