-- CreateEnum
CREATE TYPE "TeamRole" AS ENUM ('maintainer', 'member');

-- AlterTable
ALTER TABLE "Grant" ADD COLUMN     "registryId" UUID;

-- AlterTable
ALTER TABLE "SigningKey" ADD COLUMN     "activatedAt" TIMESTAMP(3),
ADD COLUMN     "registryId" UUID;

-- AlterTable
ALTER TABLE "TeamMembership" ADD COLUMN     "role" "TeamRole" NOT NULL DEFAULT 'member';

-- CreateTable
CREATE TABLE "TeamNamespace" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "registryId" UUID,
    "pattern" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TeamNamespace_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TeamNamespace_teamId_idx" ON "TeamNamespace"("teamId");

-- CreateIndex
CREATE INDEX "TeamNamespace_registryId_idx" ON "TeamNamespace"("registryId");

-- CreateIndex
CREATE INDEX "Grant_registryId_idx" ON "Grant"("registryId");

-- CreateIndex
CREATE INDEX "SigningKey_registryId_idx" ON "SigningKey"("registryId");

-- AddForeignKey
ALTER TABLE "TeamNamespace" ADD CONSTRAINT "TeamNamespace_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamNamespace" ADD CONSTRAINT "TeamNamespace_registryId_fkey" FOREIGN KEY ("registryId") REFERENCES "Registry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_registryId_fkey" FOREIGN KEY ("registryId") REFERENCES "Registry"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SigningKey" ADD CONSTRAINT "SigningKey_registryId_fkey" FOREIGN KEY ("registryId") REFERENCES "Registry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A registry's service name decides which registry-bound grants a token request reaches: the
-- token endpoint's reused decisions (lib/db/read-cache.ts) are dropped when it changes.
CREATE TRIGGER "Registry_changes" AFTER UPDATE OF "service" OR DELETE OR TRUNCATE
  ON "Registry" FOR EACH STATEMENT EXECUTE FUNCTION portcullis_notify_change();
