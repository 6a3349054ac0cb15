-- CreateTable
CREATE TABLE "IdentityProviderSession" (
    "userId" UUID NOT NULL,
    "refreshToken" TEXT NOT NULL,
    "checkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "endedReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdentityProviderSession_pkey" PRIMARY KEY ("userId")
);

-- AddForeignKey
ALTER TABLE "IdentityProviderSession" ADD CONSTRAINT "IdentityProviderSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
