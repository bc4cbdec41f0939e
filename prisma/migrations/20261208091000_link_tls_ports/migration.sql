-- AlterTable
ALTER TABLE "Link" ADD COLUMN     "tlsPorts" INTEGER[] DEFAULT ARRAY[]::INTEGER[];

-- Links registered before: 443 is their TLS port when they offer it, as for new links that name none.
UPDATE "Link" SET "tlsPorts" = ARRAY[443] WHERE 443 = ANY("ports");
