-- CreateTable
CREATE TABLE "AuditTimeBlock" (
    "block" BIGINT NOT NULL,
    "minTime" TIMESTAMP(3) NOT NULL,
    "maxTime" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AuditTimeBlock_pkey" PRIMARY KEY ("block")
);

-- CreateTable
CREATE TABLE "AuditRepository" (
    "name" TEXT NOT NULL,

    CONSTRAINT "AuditRepository_pkey" PRIMARY KEY ("name")
);

-- Kept by the database on every append (one statement per flush, whatever its size): each block's
-- span widens to cover its new events, and new repository names are added. Appends are ordered by
-- the chain's lock, so two writers' upserts never race.
CREATE OR REPLACE FUNCTION portcullis_audit_time_map() RETURNS trigger AS $$
BEGIN
  INSERT INTO "AuditTimeBlock" (block, "minTime", "maxTime")
    SELECT id / 10000, min(time), max(time) FROM appended GROUP BY 1
  ON CONFLICT (block) DO UPDATE
    SET "minTime" = LEAST("AuditTimeBlock"."minTime", EXCLUDED."minTime"),
        "maxTime" = GREATEST("AuditTimeBlock"."maxTime", EXCLUDED."maxTime");
  INSERT INTO "AuditRepository" (name)
    SELECT DISTINCT repository FROM appended WHERE repository IS NOT NULL
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditEvent_time_map"
  AFTER INSERT ON "AuditEvent" REFERENCING NEW TABLE AS appended
  FOR EACH STATEMENT EXECUTE FUNCTION portcullis_audit_time_map();

-- The events already recorded.
INSERT INTO "AuditTimeBlock" (block, "minTime", "maxTime")
  SELECT id / 10000, min(time), max(time) FROM "AuditEvent" GROUP BY 1;
INSERT INTO "AuditRepository" (name)
  SELECT DISTINCT repository FROM "AuditEvent" WHERE repository IS NOT NULL;
