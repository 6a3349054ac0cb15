-- AlterTable
ALTER TABLE "User" ADD COLUMN     "passwordSetupExpiresAt" TIMESTAMP(3),
ADD COLUMN     "passwordSetupHash" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "User_passwordSetupHash_key" ON "User"("passwordSetupHash");
