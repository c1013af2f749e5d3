/**
 * The brute-force oracle: a naive reference for vpcreach's engine, sharing no code with src/.
 * Differential tests import from here only.
 */
export {
  questionArb,
  type Scenario,
  scenarioArb,
  scenarioWithQuestionArb,
} from './arbitrary.js';
export {
  canInitiate,
  type OracleAnswer,
  type OracleQuestion,
  oracleTrace,
  prepareSnapshot,
  type SnapshotSource,
} from './evaluate.js';
export {
  type Address,
  type CidrRange,
  type Family,
  formatAddress,
  parseAddress,
  parseCidr,
} from './ip.js';
export type { Block, OraclePath, PortRanges, Verdict } from './path.js';
export {
  type AdmittedBox,
  admittedAt,
  admittedVerdict,
  oracleAdmitted,
  oracleSources,
  type ReachOptions,
  type SourceBox,
} from './reach.js';
export { loadRaw, type OracleSnapshot, type RawSnapshot, toOracleSnapshot } from './snapshot.js';
