import { InputError } from '../errors.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import type { Warning } from './types.js';

/** What every build step shares: the snapshot (for error locations) and the warnings so far. */
export class BuildContext {
  readonly warnings: Warning[] = [];

  constructor(readonly snapshot: Snapshot) {}

  warn(code: string, resource: string, message: string): void {
    this.warnings.push({ code, resource, message });
  }

  /** A reference to a resource the snapshot must contain but does not. */
  dangling(item: object, resource: string, field: string, value: string, hint: string): InputError {
    return new InputError({
      file: this.snapshot.origin.get(item)?.file,
      resource,
      field,
      value,
      message: 'refers to a resource that is not in the snapshot',
      hint,
    });
  }

  accountOf(item: object): string | undefined {
    return this.snapshot.origin.get(item)?.account;
  }
}

export function nameTag(tags: readonly { Key: string; Value?: string | undefined }[] | undefined) {
  return tags?.find((tag) => tag.Key === 'Name')?.Value;
}
