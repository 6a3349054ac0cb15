"use client";

import type { ActivityBucketView as Bucket } from "@/lib/validation/audit";

const SERIES = [
  { key: "pushes", label: "pushes", color: "#2f5bd3" },
  { key: "pulls", label: "pulls", color: "#12b76a" },
  { key: "denials", label: "denials", color: "#d92d20" },
] as const;

/** Pushes, pulls and denials per bucket as grouped bars; the same numbers as a table for screen readers. */
export function ActivityChart({ buckets, bucket }: { buckets: Bucket[]; bucket: "hour" | "day" }) {
  if (buckets.length === 0) return <p className="muted">No activity in this filter.</p>;
  const max = Math.max(1, ...buckets.flatMap((b) => [b.pushes, b.pulls, b.denials]));
  const W = 900;
  const H = 160;
  const slot = W / buckets.length;
  const bar = Math.min(24, Math.max(1, (slot - 2) / 3));
  const label = (t: string) => (bucket === "hour" ? t.slice(5, 13).replace("T", " ") + "h" : t.slice(0, 10));
  return (
    <figure style={{ margin: 0 }} data-testid="activity-chart">
      <svg viewBox={`0 0 ${W} ${H + 18}`} width="100%" role="img" aria-label={`Activity per ${bucket}`}>
        {buckets.map((b, i) =>
          SERIES.map((s, j) => {
            const h = (b[s.key] / max) * H;
            return (
              <rect key={`${b.t}-${s.key}`} x={i * slot + j * bar} y={H - h} width={bar} height={h} fill={s.color}>
                <title>{`${label(b.t)}: ${b[s.key]} ${s.label}`}</title>
              </rect>
            );
          }),
        )}
        <text x={0} y={H + 14} fontSize="11" style={{ fill: "var(--muted)" }}>
          {label(buckets[0].t)}
        </text>
        <text x={W} y={H + 14} fontSize="11" style={{ fill: "var(--muted)" }} textAnchor="end">
          {label(buckets[buckets.length - 1].t)}
        </text>
      </svg>
      <figcaption className="row muted">
        {SERIES.map((s) => (
          <span key={s.key} className="row">
            <span style={{ width: 10, height: 10, background: s.color, display: "inline-block" }} /> {s.label}:{" "}
            {buckets.reduce((n, b) => n + b[s.key], 0)}
          </span>
        ))}
        <span>
          peak {max} per {bucket}
        </span>
      </figcaption>
      <div className="sr-only">
        <table>
          <caption>Activity per {bucket}</caption>
          <thead>
            <tr>
              <th>{bucket}</th>
              <th>pushes</th>
              <th>pulls</th>
              <th>denials</th>
            </tr>
          </thead>
          <tbody>
            {buckets.map((b) => (
              <tr key={b.t}>
                <td>{b.t}</td>
                <td>{b.pushes}</td>
                <td>{b.pulls}</td>
                <td>{b.denials}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
