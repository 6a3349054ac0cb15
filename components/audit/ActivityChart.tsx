"use client";

import { useRef, useState } from "react";
import {
  fillBuckets,
  selectionRange,
  tickLabel,
  timeTicks,
  valueTicks,
  type Bucket,
  type Step,
} from "@/lib/audit/time-series";

const SERIES = [
  { key: "pushes", label: "pushes", color: "var(--accent)" },
  { key: "pulls", label: "pulls", color: "var(--ok)" },
  { key: "denials", label: "denials", color: "var(--danger)" },
] as const;

const W = 600;
const H = 190;
const M = { left: 40, right: 10, top: 10, bottom: 24 };
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;

/**
 * Pushes, pulls and denials over time: an even time axis (empty hours and days drawn as zero;
 * grouped bars for up to 48 buckets, lines beyond),
 * round value ticks with grid lines, a tooltip for the bucket under the pointer or the keyboard
 * cursor, and range selection (drag, or Shift+arrows then Enter) that sets the filter's time
 * range, which filters the list below. The same numbers are a table for screen readers.
 */
export function ActivityChart({
  buckets,
  bucket,
  range,
  onRange,
}: {
  buckets: Bucket[];
  bucket: Step;
  /** The filter's own range (ms), which sets the axis when given. */
  range?: { from?: number; to?: number };
  onRange?: (r: { from: string; to: string }) => void;
}) {
  const series = fillBuckets(buckets, bucket, range);
  const [cursor, setCursor] = useState<number | null>(null);
  const [anchor, setAnchor] = useState<number | null>(null);
  const dragging = useRef(false);
  const svg = useRef<SVGSVGElement>(null);
  if (series.length === 0) return <p className="muted">No activity in this filter.</p>;

  const n = series.length;
  const slot = PLOT_W / n;
  const ticks = valueTicks(Math.max(0, ...series.flatMap((s) => [s.counts.pushes, s.counts.pulls, s.counts.denials])));
  const top = ticks[ticks.length - 1];
  const x = (i: number) => M.left + (i + 0.5) * slot;
  const y = (v: number) => M.top + PLOT_H - (v / top) * PLOT_H;
  const first = series[0].start;
  const indexAt = (clientX: number) => {
    const r = svg.current!.getBoundingClientRect();
    const vx = ((clientX - r.left) / r.width) * W;
    return Math.max(0, Math.min(n - 1, Math.floor((vx - M.left) / slot)));
  };
  const selected = anchor !== null && cursor !== null ? [Math.min(anchor, cursor), Math.max(anchor, cursor)] : null;
  const apply = (i: number, j: number) => {
    onRange?.(selectionRange(first, i, j, bucket));
    setAnchor(null);
  };
  const shown = cursor !== null ? series[cursor] : null;

  return (
    <figure style={{ margin: 0, position: "relative" }} data-testid="activity-chart">
      <div
        tabIndex={0}
        role="group"
        aria-label={`Activity per ${bucket}: arrow keys move between ${bucket}s, Shift+arrows select several, Enter filters the list to them`}
        className="chart-focus"
        onKeyDown={(e) => {
          const move = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
          if (move) {
            e.preventDefault();
            const from = cursor ?? (move > 0 ? -1 : n);
            if (e.shiftKey && anchor === null) setAnchor(cursor ?? Math.max(0, Math.min(n - 1, from + move)));
            if (!e.shiftKey) setAnchor(null);
            setCursor(Math.max(0, Math.min(n - 1, from + move)));
          } else if (e.key === "Enter" && cursor !== null) {
            e.preventDefault();
            apply(anchor ?? cursor, cursor);
          } else if (e.key === "Escape") {
            setAnchor(null);
            setCursor(null);
          }
        }}
        onBlur={() => !dragging.current && setCursor(null)}
      >
        <svg
          ref={svg}
          viewBox={`0 0 ${W} ${H}`}
          width="100%"
          aria-hidden="true"
          style={{ touchAction: "none", cursor: onRange ? "crosshair" : undefined }}
          onPointerMove={(e) => setCursor(indexAt(e.clientX))}
          onPointerLeave={() => !dragging.current && setCursor(null)}
          onPointerDown={(e) => {
            if (!onRange) return;
            dragging.current = true;
            (e.currentTarget as Element).setPointerCapture(e.pointerId);
            const i = indexAt(e.clientX);
            setAnchor(i);
            setCursor(i);
          }}
          onPointerUp={(e) => {
            if (!dragging.current || anchor === null) return;
            dragging.current = false;
            apply(anchor, indexAt(e.clientX));
          }}
        >
          {ticks.map((v) => (
            <g key={v}>
              <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} stroke="var(--border)" />
              <text x={M.left - 6} y={y(v) + 4} fontSize="12" textAnchor="end" style={{ fill: "var(--muted)" }}>
                {v}
              </text>
            </g>
          ))}
          {timeTicks(first, n, bucket).map((t) => {
            const i = Math.round((t - first) / (bucket === "hour" ? 3_600_000 : 86_400_000));
            return (
              <g key={t}>
                <line x1={x(i)} x2={x(i)} y1={M.top + PLOT_H} y2={M.top + PLOT_H + 4} stroke="var(--muted)" />
                <text x={x(i)} y={H - 6} fontSize="12" textAnchor="middle" style={{ fill: "var(--muted)" }}>
                  {tickLabel(t, bucket)}
                </text>
              </g>
            );
          })}
          {selected && (
            <rect
              data-testid="chart-selection"
              x={M.left + selected[0] * slot}
              y={M.top}
              width={(selected[1] - selected[0] + 1) * slot}
              height={PLOT_H}
              fill="var(--selected-bg)"
              stroke="var(--accent)"
              strokeDasharray="4 3"
            />
          )}
          {n <= 48
            ? // Few buckets: grouped bars, readable however short the range.
              series.map((p, i) => {
                const bar = Math.min(14, (slot * 0.8) / SERIES.length);
                const left = x(i) - (bar * SERIES.length) / 2;
                return SERIES.map((s, j) => (
                  <rect
                    key={`${i}-${s.key}`}
                    x={left + j * bar}
                    y={y(p.counts[s.key])}
                    width={Math.max(1, bar - 1)}
                    height={M.top + PLOT_H - y(p.counts[s.key])}
                    fill={s.color}
                  />
                ));
              })
            : SERIES.map((s) => (
                <polyline
                  key={s.key}
                  fill="none"
                  stroke={s.color}
                  strokeWidth={2}
                  points={series.map((p, i) => `${x(i)},${y(p.counts[s.key])}`).join(" ")}
                />
              ))}
          {cursor !== null && (
            <line
              x1={x(cursor)}
              x2={x(cursor)}
              y1={M.top}
              y2={M.top + PLOT_H}
              stroke="var(--muted)"
              strokeDasharray="2 2"
            />
          )}
        </svg>
      </div>
      {shown && (
        <div
          className="chart-tooltip"
          data-testid="chart-tooltip"
          aria-hidden="true"
          style={{ left: `${Math.min(88, Math.max(12, (x(cursor!) / W) * 100))}%` }}
        >
          <strong>{tickLabel(shown.start, bucket)}</strong>
          {SERIES.map((s) => (
            <div key={s.key}>
              <span className="swatch" style={{ background: s.color }} /> {s.label}: {shown.counts[s.key]}
            </div>
          ))}
        </div>
      )}
      <figcaption className="row muted">
        {SERIES.map((s) => (
          <span key={s.key} className="row">
            <span className="swatch" style={{ background: s.color }} /> {s.label}:{" "}
            {series.reduce((sum, p) => sum + p.counts[s.key], 0)}
          </span>
        ))}
        {onRange && <span>Drag across the chart to filter the list to that time.</span>}
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
