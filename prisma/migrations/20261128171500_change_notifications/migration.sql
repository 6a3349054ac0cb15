-- Every change to what the token endpoint's decision reads notifies `portcullis_changes` (delivered
-- at commit, once per transaction), so every replica can drop what it read before (see
-- lib/db/change-feed.ts). Bookkeeping columns the hot path itself writes (last use, last login)
-- are left out of the UPDATE lists: they would invalidate on every request.
CREATE OR REPLACE FUNCTION portcullis_notify_change() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('portcullis_changes', TG_TABLE_NAME);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AccessToken_changes" AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF
  "userId", "serviceAccountId", "secretHash", "graceSecretHash", "graceUntil", "scopes", "expiresAt", "revokedAt"
  ON "AccessToken" FOR EACH STATEMENT EXECUTE FUNCTION portcullis_notify_change();

CREATE TRIGGER "RefreshToken_changes" AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF
  "secretHash", "userId", "serviceAccountId", "accessTokenId", "service", "scopes", "expiresAt", "revokedAt"
  ON "RefreshToken" FOR EACH STATEMENT EXECUTE FUNCTION portcullis_notify_change();

CREATE TRIGGER "User_changes" AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF
  "username", "role", "disabled", "passwordHash", "passwordChangedAt", "sessionsValidAfter", "source", "externalId"
  ON "User" FOR EACH STATEMENT EXECUTE FUNCTION portcullis_notify_change();

CREATE TRIGGER "ServiceAccount_changes" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON "ServiceAccount" FOR EACH STATEMENT EXECUTE FUNCTION portcullis_notify_change();

CREATE TRIGGER "Grant_changes" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON "Grant" FOR EACH STATEMENT EXECUTE FUNCTION portcullis_notify_change();

CREATE TRIGGER "Team_changes" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON "Team" FOR EACH STATEMENT EXECUTE FUNCTION portcullis_notify_change();

CREATE TRIGGER "TeamMembership_changes" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON "TeamMembership" FOR EACH STATEMENT EXECUTE FUNCTION portcullis_notify_change();

-- Lockouts: only a lock being set matters (lookups with a failure row are never reused).
CREATE TRIGGER "AuthFailure_locks" AFTER UPDATE OF "lockedUntil" ON "AuthFailure"
  FOR EACH ROW WHEN (NEW."lockedUntil" IS NOT NULL AND NEW."lockedUntil" IS DISTINCT FROM OLD."lockedUntil")
  EXECUTE FUNCTION portcullis_notify_change();
