/** One change as the fix analysis lists it: a sentence, and the same change in each format. */
export interface FixChange {
  readonly description: string;
  readonly formats: ReadonlyArray<readonly [string, string]>;
}

/**
 * Reads the fix answer loosely: a `changes` list whose items carry a description (or `why`)
 * and their renderings by format name (`formats`, `commands` or `renderings`).
 */
export function readChanges(body: unknown): FixChange[] | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const changes = (body as Record<string, unknown>).changes;
  if (!Array.isArray(changes)) return undefined;
  return changes.map((change: Record<string, unknown>) => {
    const text = change.description ?? change.why ?? change.summary ?? change.title ?? '';
    const formats = change.formats ?? change.commands ?? change.renderings ?? {};
    const entries =
      typeof formats === 'object' && formats !== null
        ? Object.entries(formats).filter((e): e is [string, string] => typeof e[1] === 'string')
        : [];
    return { description: String(text), formats: entries };
  });
}

/** A step no rule change can make (accept the endpoint connection), said in words. */
export interface ManualStep {
  readonly what: string;
  readonly command: string | null;
}

/** The answer's `manual` list, when it has one. */
export function readManualSteps(body: unknown): ManualStep[] {
  const manual =
    typeof body === 'object' && body !== null ? (body as { manual?: unknown }).manual : [];
  if (!Array.isArray(manual)) return [];
  return manual.map((step: Record<string, unknown>) => ({
    what: String(step.what ?? step.description ?? ''),
    command: typeof step.command === 'string' ? step.command : null,
  }));
}

/** Renderings of all the changes at once, by format name (`formats` at the top of the answer). */
export function readFormats(body: unknown): ReadonlyArray<readonly [string, string]> {
  const formats =
    typeof body === 'object' && body !== null ? (body as { formats?: unknown }).formats : undefined;
  if (typeof formats !== 'object' || formats === null) return [];
  return Object.entries(formats).filter((e): e is [string, string] => typeof e[1] === 'string');
}
