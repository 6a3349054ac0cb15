-- AlterTable
ALTER TABLE "Registry" ADD COLUMN     "caCertificate" TEXT;
