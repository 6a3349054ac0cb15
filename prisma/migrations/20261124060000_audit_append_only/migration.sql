-- Audit events are append-only for every code path: UPDATE, DELETE and TRUNCATE are refused by
-- the database itself. The one exception is retention, which deletes whole expired days inside a
-- transaction that has set portcullis.audit_retention = 'on' (see lib/audit/retention.ts).
CREATE OR REPLACE FUNCTION portcullis_audit_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('portcullis.audit_retention', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit events are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditEvent_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION portcullis_audit_append_only();

CREATE TRIGGER "AuditEvent_no_truncate"
  BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION portcullis_audit_append_only();
