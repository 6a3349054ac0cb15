-- AlterTable
ALTER TABLE "Registry" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'distribution';
