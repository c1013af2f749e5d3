/**
 * Turns an SDK v3 output value into what the AWS CLI prints for it: the SDK parses timestamps
 * into `Date` objects, while AWS CLI v2 prints them as ISO 8601 with an explicit UTC offset
 * (`2020-02-25T04:56:32.326000+00:00`, or `2020-02-25T04:56:34+00:00` when there is no fraction).
 * Everything else (PascalCase member names, numbers, booleans, nesting) is already the CLI's.
 */
export function toCliJson(value: unknown): unknown {
  if (value instanceof Date) return formatCliTimestamp(value);
  if (Array.isArray(value)) return value.map(toCliJson);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      // The SDK leaves absent optional members as undefined; the CLI omits them.
      if (member !== undefined) out[key] = toCliJson(member);
    }
    return out;
  }
  return value;
}

/** `2020-02-25T04:56:32.326000+00:00`: Python's `datetime.isoformat()`, as AWS CLI v2 prints. */
export function formatCliTimestamp(date: Date): string {
  const iso = date.toISOString(); // 2020-02-25T04:56:32.326Z
  const seconds = iso.slice(0, 19);
  const millis = iso.slice(20, 23);
  const fraction = millis === '000' ? '' : `.${millis}000`;
  return `${seconds}${fraction}+00:00`;
}
