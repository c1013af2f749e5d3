export { UNKNOWN_ADDRESS_TAG } from './emit-interfaces.js';
export type { IacNote, IacReadResult } from './read-result.js';
