import type { AwsCredentials } from './types.js';

/** A credentials provider function, as SDK clients accept it. */
export type CredentialsProvider = Extract<AwsCredentials, (...args: never[]) => unknown>;

type Identity = Awaited<ReturnType<CredentialsProvider>>;

/** Credentials are refreshed this long before they expire, as the SDK itself does. */
const REFRESH_BEFORE_EXPIRY_MS = 5 * 60 * 1000;

/**
 * One provider shared by every client of a target. Each SDK client caches credentials on its
 * own, so without this an assumed role would be assumed again by each EC2 and ELBv2 client of
 * each region; here STS AssumeRole is called once per role until the credentials near expiry.
 * A failed load is forgotten, so the next call tries again.
 */
export function shareCredentials(provider: CredentialsProvider): CredentialsProvider {
  let cached: Promise<Identity> | undefined;
  const load = (): Promise<Identity> => {
    const loading = provider().catch((error: unknown) => {
      if (cached === loading) cached = undefined;
      throw error;
    });
    cached = loading;
    return loading;
  };
  return async () => {
    const current = cached ?? load();
    const identity = await current;
    if (!expiresSoon(identity)) return identity;
    return cached === current ? load() : (cached ?? load());
  };
}

function expiresSoon(identity: Identity): boolean {
  const expiration = identity.expiration;
  return expiration !== undefined && expiration.getTime() - Date.now() < REFRESH_BEFORE_EXPIRY_MS;
}
