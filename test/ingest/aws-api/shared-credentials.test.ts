import { describe, expect, test } from 'vitest';
import { shareCredentials } from '../../../src/ingest/aws-api/shared-credentials.js';

const HOUR = 60 * 60 * 1000;

describe('shareCredentials', () => {
  test('concurrent and later callers share one load while the credentials are fresh', async () => {
    let loads = 0;
    const provider = shareCredentials(async () => {
      loads += 1;
      return {
        accessKeyId: `K${loads}`,
        secretAccessKey: 's',
        expiration: new Date(Date.now() + HOUR),
      };
    });
    const identities = await Promise.all([provider(), provider(), provider()]);
    expect(identities.map((identity) => identity.accessKeyId)).toEqual(['K1', 'K1', 'K1']);
    expect((await provider()).accessKeyId).toBe('K1');
    expect(loads).toBe(1);
  });

  test('credentials about to expire are loaded again', async () => {
    let loads = 0;
    const provider = shareCredentials(async () => {
      loads += 1;
      // The first load is already within the refresh window; the second is fresh.
      const lifetime = loads === 1 ? 60 * 1000 : HOUR;
      return {
        accessKeyId: `K${loads}`,
        secretAccessKey: 's',
        expiration: new Date(Date.now() + lifetime),
      };
    });
    expect((await provider()).accessKeyId).toBe('K2');
    expect((await provider()).accessKeyId).toBe('K2');
    expect(loads).toBe(2);
  });

  test('a failed load is not kept: the next caller tries again', async () => {
    let loads = 0;
    const provider = shareCredentials(async () => {
      loads += 1;
      if (loads === 1) throw new Error('AccessDenied');
      return { accessKeyId: 'K', secretAccessKey: 's' };
    });
    await expect(provider()).rejects.toThrow('AccessDenied');
    expect((await provider()).accessKeyId).toBe('K');
  });
});
