export const shortDigest = (d: string | null | undefined) => (d ? d.replace(/^sha256:/, "").slice(0, 12) : "—");

export function bytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return "—";
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}

export const utc = (v: string | null | undefined) => (v ? v.slice(0, 16).replace("T", " ") : "—");
