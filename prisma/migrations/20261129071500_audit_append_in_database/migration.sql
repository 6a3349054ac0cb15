-- The audit chain's append in one call (lib/db/audit-chain.ts): the chain's lock, the last hash,
-- the duplicate check of registry event ids, the links and the insert all happen inside the
-- database, so the lock is held only while PostgreSQL works and never across a round trip to the
-- application. `events` is a JSON array of event bodies: each the event's hashed fields as
-- canonical JSON (lib/audit/chain.ts eventBody, which does not depend on the chain), taken verbatim
-- as the text its hash covers and as the row to store. A link is lib/audit/chain.ts linkHash:
-- SHA-256 of the previous hash (empty for the first event), a newline and the body (json, unlike
-- jsonb, keeps an element's text as sent). Returns how many events were stored: an event
-- whose registry id is stored already, or repeated in the batch, is left out before it is hashed.
-- The lock is a transaction lock: called inside a larger transaction, it orders that transaction
-- with every other writer until it commits.
CREATE OR REPLACE FUNCTION portcullis_audit_append(events json) RETURNS integer AS $$
DECLARE
  bodies text[];
  ids text[];
  prevs text[];
  hashes text[];
  prev text;
  kept integer := 0;
BEGIN
  PERFORM pg_advisory_xact_lock(74132026);
  SELECT array_agg(e::text ORDER BY n), array_agg(e->>'externalId' ORDER BY n)
    INTO bodies, ids FROM json_array_elements(events) WITH ORDINALITY AS x(e, n);
  IF bodies IS NULL THEN
    RETURN 0;
  END IF;
  -- The newest event's hash or, when retention emptied the table, the anchor it left.
  SELECT hash INTO prev FROM (
      (SELECT hash, 0 AS o FROM "AuditEvent" ORDER BY id DESC LIMIT 1)
      UNION ALL (SELECT value->>'hash', 1 FROM "Setting" WHERE key = 'auditChainAnchor')
    ) c ORDER BY o LIMIT 1;
  prevs := array_fill(NULL::text, ARRAY[cardinality(bodies)]);
  hashes := prevs;
  FOR i IN 1 .. cardinality(bodies) LOOP
    CONTINUE WHEN ids[i] IS NOT NULL
      AND (ids[i] = ANY (ids[1:i - 1]) OR EXISTS (SELECT 1 FROM "AuditEvent" WHERE "externalId" = ids[i]));
    prevs[i] := prev;
    prev := encode(sha256(convert_to(coalesce(prev, '') || E'\n' || bodies[i], 'UTF8')), 'hex');
    hashes[i] := prev;
    kept := kept + 1;
  END LOOP;
  IF kept > 0 THEN
    -- In the array's order: ids follow the chain.
    INSERT INTO "AuditEvent" (time, "actorId", "actorName", "actorKind", credential, action, outcome, reason,
        repository, tag, digest, requested, granted, details, "clientIp", "userAgent", "requestId", "externalId",
        "prevHash", hash)
      SELECT r.time, r."actorId", r."actorName", r."actorKind", r.credential, r.action, r.outcome, r.reason,
          r.repository, r.tag, r.digest, r.requested, r.granted, r.details, r."clientIp", r."userAgent",
          r."requestId", r."externalId", prevs[x.n], hashes[x.n]
        FROM unnest(bodies) WITH ORDINALITY AS x(body, n), json_populate_record(NULL::"AuditEvent", x.body::json) AS r
        WHERE hashes[x.n] IS NOT NULL
        ORDER BY x.n;
  END IF;
  RETURN kept;
END;
$$ LANGUAGE plpgsql;
