"use client";

import { useState } from "react";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { useActivity, useTopDenied, type AuditFilterView } from "@/lib/query/audit";
import { ActivityChart } from "./ActivityChart";

/** A filter's time ("2026-11-29T10:00", UTC as the form takes it) in ms; undefined when absent. */
const ms = (s: string | undefined) => (s ? Date.parse(/(Z|[+-]\d\d:\d\d)$/.test(s) ? s : `${s}Z`) : undefined);

/**
 * The filter at a glance: activity over time (a range selected on the chart becomes the filter's
 * time range) and the most denied subjects and repositories.
 */
export function AuditSummary({
  filter,
  onRange,
}: {
  filter: AuditFilterView;
  onRange?: (r: { from: string; to: string }) => void;
}) {
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
        {activity.data && (
          <ActivityChart
            buckets={activity.data.buckets}
            bucket={bucket}
            range={{ from: ms(filter.from), to: ms(filter.to) }}
            onRange={onRange}
          />
        )}
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
