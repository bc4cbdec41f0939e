/*
  Warnings:

  - A link's name is unique within its organization (ignoring case) among links not deleted. Live
    links that share a name with an older one of their organization are renamed first, by their
    id's first eight characters: "orders-db" becomes "orders-db (1a2b3c4d)".
*/
UPDATE "Link" AS l
SET "name" = l."name" || ' (' || left(l."id"::text, 8) || ')'
FROM (
  SELECT "id", row_number() OVER (PARTITION BY "organizationId", lower("name") ORDER BY "createdAt", "id") AS rank
  FROM "Link"
  WHERE "state" <> 'deleted'
) AS ranked
WHERE ranked."id" = l."id" AND ranked.rank > 1;

-- An exclusion constraint rather than a unique index: it can leave deleted links out and compare
-- names without case, and Prisma's schema needs no index it cannot express (btree_gist is installed
-- by 20261127182426_trust_boundary).
ALTER TABLE "Link" ADD CONSTRAINT "Link_name_one_per_organization" EXCLUDE USING gist ("organizationId" WITH =, lower("name") WITH =)
WHERE ("state" <> 'deleted');
