import type { Paint } from './trace-text.js';

const same = (text: string) => text;

/** No colour: for files (JUnit details, SARIF messages) rather than terminals. */
export const PLAIN: Paint = { green: same, red: same, yellow: same, dim: same, bold: same };
