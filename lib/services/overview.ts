/**
 * Whether refusals in the last hour stand out against the day before: at least `floor` of them
 * and more than three times the usual hourly rate. Pure, so the threshold is tested as a table.
 */
export function refusalSpike(lastHour: number, previousDay: number, floor = 10): boolean {
  const usualPerHour = previousDay / 24;
  return lastHour >= floor && lastHour > 3 * usualPerHour;
}
