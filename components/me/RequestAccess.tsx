"use client";

import { ActionChecks, checkedActions } from "@/components/ui/ActionChecks";
import { FormOutcome, useFormOutcome } from "@/components/ui/FormOutcome";
import { fieldText, SchemaForm } from "@/components/ui/SchemaForm";
import { useRequestAccess } from "@/lib/query/access-requests";

/** "I need push on team/app because …": prefilled when the person came from a denial. */
export function RequestAccess({ initial }: { initial: { repository?: string; actions?: string[] } }) {
  const outcome = useFormOutcome();
  const request = useRequestAccess();
  return (
    <SchemaForm
      id="request-access"
      className="card"
      aria-label="Request access"
      schema={() => import("@/lib/validation/access-request").then((m) => m.createAccessRequestInput)}
      read={(f) => ({
        repository: fieldText(f, "repository"),
        actions: checkedActions(f, "ask"),
        reason: fieldText(f, "reason"),
      })}
      onMessage={outcome.onMessage}
      onValid={(data, form) =>
        request.mutate(
          data,
          outcome.after(
            (r: { actions: string[]; repository: string }) =>
              `Asked for ${r.actions.join(", ")} on ${r.repository}. An administrator will answer below.`,
            () => form.reset(),
          ),
        )
      }
    >
      <h2>Request access</h2>
      <p className="muted">
        Ask for what you need; an administrator approves (perhaps narrower, or for a while) or declines.
      </p>
      <FormOutcome outcome={outcome} />
      <div className="form-grid">
        <div className="field">
          <label htmlFor="ask-repo">Repository or pattern</label>
          <input id="ask-repo" name="repository" defaultValue={initial.repository} placeholder="team/app or team/*" />
        </div>
        <div className="field" style={{ gridColumn: "span 2" }}>
          <label htmlFor="ask-reason">Why</label>
          <input id="ask-reason" name="reason" placeholder="e.g. I deploy team/app from CI" maxLength={500} />
        </div>
      </div>
      <ActionChecks name="ask" checked={initial.actions?.length ? initial.actions : ["pull"]} />
      <button className="primary" type="submit" disabled={request.isPending}>
        Send request
      </button>
    </SchemaForm>
  );
}
