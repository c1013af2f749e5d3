import type { SnapshotDocument } from '../../snapshot/keys.js';

/**
 * Something a reader did that the user should know about: a value it assumed (the Region, an
 * address unknown until deployment), a resource type it does not model. Stable `code`s let a
 * caller filter them.
 */
export interface IacNote {
  code: string;
  /** Terraform address or CloudFormation logical ID the note is about. */
  resource: string;
  message: string;
}

/** What the Terraform and CloudFormation readers return. */
export interface IacReadResult {
  documents: SnapshotDocument[];
  notes: IacNote[];
}

/** Collects notes without repeating one (same code, resource and message). */
export class NoteList {
  readonly notes: IacNote[] = [];
  private readonly seen = new Set<string>();

  add(code: string, resource: string, message: string): void {
    const key = `${code}\u0000${resource}\u0000${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.notes.push({ code, resource, message });
  }
}
