-- CreateEnum
CREATE TYPE "UserSource" AS ENUM ('local', 'ldap');

-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "externalGroup" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "externalId" TEXT,
ADD COLUMN     "source" "UserSource" NOT NULL DEFAULT 'local';

-- CreateIndex
CREATE UNIQUE INDEX "Team_externalGroup_key" ON "Team"("externalGroup");
