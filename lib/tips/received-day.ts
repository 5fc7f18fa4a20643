/** Today's date as YYYY-MM-DD in UTC: the finest grain of time kept for a tip. */
export function receivedDay(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
