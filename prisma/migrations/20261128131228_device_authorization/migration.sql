-- CreateEnum
CREATE TYPE "RefreshTokenOrigin" AS ENUM ('login', 'device');

-- CreateEnum
CREATE TYPE "DeviceAuthorizationStatus" AS ENUM ('pending', 'approved', 'denied', 'redeemed');

-- AlterTable
ALTER TABLE "RefreshToken" ADD COLUMN     "deviceName" TEXT,
ADD COLUMN     "origin" "RefreshTokenOrigin" NOT NULL DEFAULT 'login',
ADD COLUMN     "scopes" JSONB;

-- CreateTable
CREATE TABLE "DeviceAuthorization" (
    "id" UUID NOT NULL,
    "deviceCodeHash" TEXT NOT NULL,
    "userCode" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "deviceName" TEXT,
    "userAgent" TEXT,
    "clientIp" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "requestedScopes" JSONB,
    "status" "DeviceAuthorizationStatus" NOT NULL DEFAULT 'pending',
    "userId" UUID,
    "scopes" JSONB,
    "lifetimeDays" INTEGER,
    "interval" INTEGER NOT NULL DEFAULT 5,
    "lastPolledAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "answeredAt" TIMESTAMP(3),
    "refreshTokenId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeviceAuthorization_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DeviceAuthorization_deviceCodeHash_key" ON "DeviceAuthorization"("deviceCodeHash");

-- CreateIndex
CREATE UNIQUE INDEX "DeviceAuthorization_userCode_key" ON "DeviceAuthorization"("userCode");

-- CreateIndex
CREATE INDEX "DeviceAuthorization_clientIp_createdAt_idx" ON "DeviceAuthorization"("clientIp", "createdAt");

-- CreateIndex
CREATE INDEX "DeviceAuthorization_expiresAt_idx" ON "DeviceAuthorization"("expiresAt");

-- AddForeignKey
ALTER TABLE "DeviceAuthorization" ADD CONSTRAINT "DeviceAuthorization_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
