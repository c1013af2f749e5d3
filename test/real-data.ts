import { join } from 'node:path';

/**
 * Where the real public AWS data of `test/data/` lives. The environment variables point the
 * tests at another copy, for instance a newer cut of the same sources.
 */
const HERE = join(import.meta.dirname, 'data');

export const SHARED_DATA = process.env.VPCREACH_SHARED_DATA ?? HERE;
export const BATFISH_DATA = process.env.VPCREACH_BATFISH_DATA ?? join(SHARED_DATA, 'batfish-aws');
export const AWS_CLI_EXAMPLES = join(SHARED_DATA, 'aws-cli-examples');
