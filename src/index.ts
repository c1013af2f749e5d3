/**
 * vpcreach as a library: load a snapshot, resolve it into a Network, and ask the analyses.
 * Every function here is pure apart from reading the files it is given.
 */

export { checkIntents, parseIntents } from './analysis/check/check.js';
export { inspectResource, inspectSummary } from './analysis/inspect.js';
export { reachMatrix } from './analysis/reach/matrix.js';
export { reachTo } from './analysis/reach/reach.js';
export { reachFrom } from './analysis/reach/reach-from.js';
export { type TraceQuestion, type TraceResult, traceFlow } from './analysis/trace.js';
export { InputError, UsageError } from './errors.js';
export { loadSnapshot, loadSnapshots } from './ingest/load.js';
export { PacketSet } from './net/packet-set.js';
export { buildNetwork } from './network/build.js';
export type { Network } from './network/types.js';
export { renderTraceDot } from './report/trace-dot.js';
export { renderTraceSvg } from './report/trace-svg.js';
export type { Snapshot } from './snapshot/snapshot.js';
