-- DropIndex
DROP INDEX "AuditEvent_action_time_idx";

-- DropIndex
DROP INDEX "AuditEvent_actorName_time_idx";

-- DropIndex
DROP INDEX "AuditEvent_outcome_time_idx";

-- DropIndex
DROP INDEX "AuditEvent_repository_time_idx";

-- CreateIndex
CREATE INDEX "AuditEvent_actorName_id_idx" ON "AuditEvent"("actorName", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_repository_id_idx" ON "AuditEvent"("repository", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_repository_tag_id_idx" ON "AuditEvent"("repository", "tag", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_action_id_idx" ON "AuditEvent"("action", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_outcome_id_idx" ON "AuditEvent"("outcome", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_credential_id_idx" ON "AuditEvent"("credential", "id");
