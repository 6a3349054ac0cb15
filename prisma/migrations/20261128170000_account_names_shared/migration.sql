-- Users and service accounts share one namespace (a name at `docker login` is either, never both).
-- The services check it before creating; this makes it hold under races too: an insert or rename
-- takes a transaction lock on the name, then refuses a name the other table holds (committed,
-- since each statement here reads a fresh snapshot), as a unique violation (answered 409).
-- Arguments: this table's name column, the other table, its name column.
CREATE OR REPLACE FUNCTION portcullis_account_name_free() RETURNS trigger AS $$
DECLARE
  wanted TEXT := to_jsonb(NEW) ->> TG_ARGV[0];
  taken BOOLEAN;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('portcullis.account_name:' || wanted));
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE %I = $1)', TG_ARGV[1], TG_ARGV[2]) INTO taken USING wanted;
  IF taken THEN
    RAISE EXCEPTION 'duplicate key value: the name "%" is already taken by a user or service account', wanted
      USING ERRCODE = 'unique_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "User_account_name_free"
  BEFORE INSERT OR UPDATE OF "username" ON "User"
  FOR EACH ROW EXECUTE FUNCTION portcullis_account_name_free('username', 'ServiceAccount', 'name');

CREATE TRIGGER "ServiceAccount_account_name_free"
  BEFORE INSERT OR UPDATE OF "name" ON "ServiceAccount"
  FOR EACH ROW EXECUTE FUNCTION portcullis_account_name_free('name', 'User', 'username');
