/**
 * The activity chart's arithmetic, kept apart from drawing: a continuous series of buckets (the
 * database returns only those with events), "nice" value ticks, time ticks, and the time range a
 * selection of buckets stands for.
 */

export interface Counts {
  pushes: number;
  pulls: number;
  denials: number;
  total: number;
}
export type Bucket = Counts & { t: string };
export type Step = "hour" | "day";

const STEP_MS: Record<Step, number> = { hour: 3_600_000, day: 86_400_000 };
/** At most this many buckets are drawn; a longer range is cut to its latest part. */
export const MAX_POINTS = 2000;

/** The start of the bucket holding `ms` (UTC). */
export const bucketStart = (ms: number, step: Step) => Math.floor(ms / STEP_MS[step]) * STEP_MS[step];

/**
 * Every bucket from the range's start to its end (the filter's from/to when given, else the data's
 * first and last), with zeros where nothing happened: time runs evenly along the axis.
 */
export function fillBuckets(
  buckets: readonly Bucket[],
  step: Step,
  range: { from?: number; to?: number } = {},
): { start: number; counts: Counts }[] {
  const byStart = new Map(buckets.map((b) => [bucketStart(Date.parse(b.t), step), b]));
  const starts = [...byStart.keys()];
  if (starts.length === 0 && (range.from === undefined || range.to === undefined)) return [];
  const first = bucketStart(range.from ?? Math.min(...starts), step);
  // `to` is exclusive: the bucket holding the instant just before it is the last.
  const last = bucketStart(range.to !== undefined ? range.to - 1 : Math.max(...starts), step);
  if (last < first) return [];
  const n = Math.min(MAX_POINTS, Math.floor((last - first) / STEP_MS[step]) + 1);
  const begin = last - (n - 1) * STEP_MS[step];
  return Array.from({ length: n }, (_, i) => {
    const start = begin + i * STEP_MS[step];
    const b = byStart.get(start);
    return {
      start,
      counts: b
        ? { pushes: b.pushes, pulls: b.pulls, denials: b.denials, total: b.total }
        : { pushes: 0, pulls: 0, denials: 0, total: 0 },
    };
  });
}

/** Round value ticks from 0 to at least `max`: steps of 1, 2 or 5 times a power of ten, about `count` of them. */
export function valueTicks(max: number, count = 4): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const whole = Math.max(1, Math.round(step));
  const top = Math.ceil(max / whole) * whole;
  return Array.from({ length: top / whole + 1 }, (_, i) => i * whole);
}

/** Time ticks at whole hours or days, every k-th bucket so that at most `count` are labelled. */
export function timeTicks(first: number, n: number, step: Step, count = 6): number[] {
  if (n <= 0) return [];
  const candidates = step === "hour" ? [1, 2, 3, 6, 12, 24, 48, 168] : [1, 2, 7, 14, 30, 90, 365];
  const every = candidates.find((k) => Math.ceil(n / k) <= count) ?? Math.ceil(n / count);
  const ticks: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = first + i * STEP_MS[step];
    if (Math.round(t / STEP_MS[step]) % every === 0) ticks.push(t);
  }
  return ticks;
}

/** A tick's label: "11-29 14:00" per hour (the date only at midnight when there are many), "2026-11-29" per day. */
export function tickLabel(t: number, step: Step): string {
  const iso = new Date(t).toISOString();
  return step === "day" ? iso.slice(0, 10) : `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}

/** The filter range (from inclusive, to exclusive, minute precision as the filter form takes it) of buckets i..j. */
export function selectionRange(first: number, i: number, j: number, step: Step): { from: string; to: string } {
  const [a, b] = i <= j ? [i, j] : [j, i];
  const minute = (ms: number) => new Date(ms).toISOString().slice(0, 16);
  return { from: minute(first + a * STEP_MS[step]), to: minute(first + (b + 1) * STEP_MS[step]) };
}
