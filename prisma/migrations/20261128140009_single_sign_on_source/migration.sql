-- AlterEnum
ALTER TYPE "UserSource" ADD VALUE 'oidc';

-- CreateIndex
CREATE UNIQUE INDEX "User_externalId_key" ON "User"("externalId");
