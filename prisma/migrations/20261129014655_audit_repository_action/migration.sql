-- CreateIndex
CREATE INDEX "AuditEvent_repository_action_id_idx" ON "AuditEvent"("repository", "action", "id");
