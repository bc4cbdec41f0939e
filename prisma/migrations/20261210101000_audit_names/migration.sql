-- The audit log in people's names (lib/audit-log): each row keeps the names of its actor, organization and target as they were
-- when it was written, so it still reads well once they are renamed or deleted (an organization's deletion nulls
-- "organizationId"; a user's or key's leaves an id nothing matches). A trigger fills them, so every writer (recordAudit and
-- the few direct inserts in lib/auth) gets them without a query of its own.

-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN     "actorEmail" TEXT,
ADD COLUMN     "actorName" TEXT,
ADD COLUMN     "organizationName" TEXT,
ADD COLUMN     "targetName" TEXT;

-- Ids are text in the audit log (a system actor or an old row may hold anything): compared as uuid only when they are one,
-- so the lookups use the primary keys.
CREATE FUNCTION "audit_log_uuid"(value TEXT) RETURNS UUID LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN value ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN value::uuid END
$$;

-- A user: their name and email. An API key: its name, and its maker's email.
CREATE FUNCTION "audit_log_names"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."actorType" = 'user' THEN
    SELECT u."name", u."email" INTO NEW."actorName", NEW."actorEmail" FROM "User" u WHERE u."id" = "audit_log_uuid"(NEW."actorId");
  ELSIF NEW."actorType" = 'api_key' THEN
    SELECT k."name", u."email" INTO NEW."actorName", NEW."actorEmail"
      FROM "ApiKey" k LEFT JOIN "User" u ON u."id" = k."createdById" WHERE k."id" = "audit_log_uuid"(NEW."actorId");
  END IF;
  IF NEW."organizationId" IS NOT NULL THEN
    SELECT o."name" INTO NEW."organizationName" FROM "Organization" o WHERE o."id" = NEW."organizationId";
  END IF;
  NEW."targetName" := CASE NEW."targetType"
    WHEN 'link' THEN (SELECT l."name" FROM "Link" l WHERE l."id" = "audit_log_uuid"(NEW."targetId"))
    WHEN 'api_key' THEN (SELECT k."name" FROM "ApiKey" k WHERE k."id" = "audit_log_uuid"(NEW."targetId"))
    WHEN 'user' THEN (SELECT u."email" FROM "User" u WHERE u."id" = "audit_log_uuid"(NEW."targetId"))
    WHEN 'membership' THEN (SELECT u."email" FROM "Membership" m JOIN "User" u ON u."id" = m."userId" WHERE m."id" = "audit_log_uuid"(NEW."targetId"))
    WHEN 'webhook' THEN (SELECT w."url" FROM "Webhook" w WHERE w."id" = "audit_log_uuid"(NEW."targetId"))
    WHEN 'organization' THEN (SELECT o."name" FROM "Organization" o WHERE o."id" = "audit_log_uuid"(NEW."targetId"))
    ELSE NEW."targetName"
  END;
  RETURN NEW;
END
$$;

CREATE TRIGGER "AuditLog_names" BEFORE INSERT ON "AuditLog" FOR EACH ROW EXECUTE FUNCTION "audit_log_names"();

-- Rows written before this migration get the names their actor, organization and target have now (those already deleted
-- stay unnamed).
UPDATE "AuditLog" a SET "actorName" = u."name", "actorEmail" = u."email"
  FROM "User" u WHERE a."actorType" = 'user' AND u."id" = "audit_log_uuid"(a."actorId");
UPDATE "AuditLog" a SET "actorName" = k."name", "actorEmail" = u."email"
  FROM "ApiKey" k LEFT JOIN "User" u ON u."id" = k."createdById" WHERE a."actorType" = 'api_key' AND k."id" = "audit_log_uuid"(a."actorId");
UPDATE "AuditLog" a SET "organizationName" = o."name" FROM "Organization" o WHERE o."id" = a."organizationId";
UPDATE "AuditLog" a SET "targetName" = l."name" FROM "Link" l WHERE a."targetType" = 'link' AND l."id" = "audit_log_uuid"(a."targetId");
UPDATE "AuditLog" a SET "targetName" = k."name" FROM "ApiKey" k WHERE a."targetType" = 'api_key' AND k."id" = "audit_log_uuid"(a."targetId");
UPDATE "AuditLog" a SET "targetName" = u."email" FROM "User" u WHERE a."targetType" = 'user' AND u."id" = "audit_log_uuid"(a."targetId");
UPDATE "AuditLog" a SET "targetName" = u."email"
  FROM "Membership" m JOIN "User" u ON u."id" = m."userId" WHERE a."targetType" = 'membership' AND m."id" = "audit_log_uuid"(a."targetId");
UPDATE "AuditLog" a SET "targetName" = w."url" FROM "Webhook" w WHERE a."targetType" = 'webhook' AND w."id" = "audit_log_uuid"(a."targetId");
UPDATE "AuditLog" a SET "targetName" = o."name" FROM "Organization" o WHERE a."targetType" = 'organization' AND o."id" = "audit_log_uuid"(a."targetId");
