/** A typed date (YYYY-MM-DD) means the end of that day in UTC; a full timestamp is kept as the instant. */
export function normaliseDate(input: string, edge: 'start' | 'end'): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(input)) return `${input}T${edge === 'end' ? '23:59:59.000' : '00:00:00.000'}Z`;
  return new Date(input).toISOString();
}
