"use client";

import { useState } from "react";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { useActivity, useTopDenied, type AuditFilterView } from "@/lib/query/audit";
import { ActivityChart } from "./ActivityChart";

/** The filter at a glance: activity over time and the most denied subjects and repositories. */
export function AuditSummary({ filter }: { filter: AuditFilterView }) {
  const [bucket, setBucket] = useState<"hour" | "day">("hour");
  const activity = useActivity(filter, bucket);
  const top = useTopDenied(filter);
  return (
    <div className="split wide-first">
      <div className="card">
        <div className="row" style={{ justifyContent: "space-between" }}>
          <h2 style={{ margin: 0 }}>Activity</h2>
          <select
            aria-label="Per"
            value={bucket}
            onChange={(e) => setBucket(e.target.value as "hour" | "day")}
            style={{ width: "auto" }}
          >
            <option value="hour">per hour</option>
            <option value="day">per day</option>
          </select>
        </div>
        <ErrorNote error={activity.error} />
        {activity.data && <ActivityChart buckets={activity.data.buckets} bucket={bucket} />}
      </div>
      <div className="card" data-testid="top-denied">
        <h2>Most denied</h2>
        <ErrorNote error={top.error} />
        {top.data && (
          <div className="form-grid">
            <ol>
              {top.data.subjects.map((s) => (
                <li key={s.name}>
                  <span className="mono">{s.name}</span> <span className="muted">{s.count}</span>
                </li>
              ))}
            </ol>
            <ol>
              {top.data.repositories.map((s) => (
                <li key={s.name}>
                  <span className="mono">{s.name}</span> <span className="muted">{s.count}</span>
                </li>
              ))}
            </ol>
          </div>
        )}
        {top.data && top.data.subjects.length === 0 && <p className="muted">No denials in this filter.</p>}
      </div>
    </div>
  );
}
