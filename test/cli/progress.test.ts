import { describe, expect, it } from 'vitest';
import { startProgress } from '../../src/cli/progress.js';

function stream(isTTY: boolean) {
  const written: string[] = [];
  const fake = { isTTY, write: (text: string) => written.push(text) > 0 };
  return { fake: fake as unknown as NodeJS.WriteStream, written };
}

describe('progress line', () => {
  it('draws done/total on a terminal and clears it at the end', () => {
    const { fake, written } = stream(true);
    const progress = startProgress('matrix', fake, {});
    progress.update(0, 3);
    progress.update(1, 3);
    progress.update(3, 3);
    progress.stop();
    expect(written[0]).toBe('\r\x1b[Kmatrix: 0/3');
    expect(written).toContain('\r\x1b[Kmatrix: 3/3');
    expect(written.at(-1)).toBe('\r\x1b[K');
  });

  it('writes nothing to a pipe, under CI or with TERM=dumb', () => {
    for (const [isTTY, env] of [
      [false, {}],
      [true, { CI: 'true' }],
      [true, { TERM: 'dumb' }],
    ] as const) {
      const { fake, written } = stream(isTTY);
      const progress = startProgress('matrix', fake, env);
      progress.update(1, 2);
      progress.stop();
      expect(written).toEqual([]);
    }
  });
});
