-- AlterTable
ALTER TABLE "RefreshToken" ADD COLUMN     "clientIp" TEXT,
ADD COLUMN     "lastUsedAt" TIMESTAMP(3),
ADD COLUMN     "lastUsedIp" TEXT,
ADD COLUMN     "userAgent" TEXT;
