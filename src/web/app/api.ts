import type { ReachToResult } from '../../analysis/reach/reach.js';
import type { TraceResult } from '../../analysis/trace.js';
import type { CatalogSummary } from '../catalog.js';

/** A trace question as the form holds it. */
export interface Question {
  readonly from: string;
  readonly to: string;
  readonly port: string;
  readonly protocol: string;
}

/** An API answer: the JSON body when the status is 2xx, else the server's message. */
export type Answer<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly status: number; readonly message: string };

async function getJson<T>(path: string): Promise<Answer<T>> {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return { ok: true, value: body as T };
  return { ok: false, status: response.status, message: messageOf(body, response.statusText) };
}

function messageOf(body: unknown, fallback: string): string {
  if (typeof body !== 'object' || body === null) return fallback;
  const record = body as Record<string, unknown>;
  const text = typeof record.message === 'string' ? record.message : record.error;
  const hint = typeof record.hint === 'string' ? ` (${record.hint})` : '';
  return typeof text === 'string' ? `${text}${hint}` : fallback;
}

function questionQuery(question: Question): string {
  const params = new URLSearchParams({ from: question.from, to: question.to });
  if (question.port !== '') params.set('port', question.port);
  if (question.protocol !== '') params.set('protocol', question.protocol);
  return params.toString();
}

export const fetchSummary = () => getJson<CatalogSummary>('/api/summary');

export const fetchTrace = (question: Question) =>
  getJson<TraceResult>(`/api/trace?${questionQuery(question)}`);

export const fetchFix = (question: Question) =>
  getJson<unknown>(`/api/fix?${questionQuery(question)}`);

/** Who can reach the question's destination, on the question's port and protocol. */
export const fetchReach = (question: Question) => {
  const params = new URLSearchParams({ to: question.to, protocol: question.protocol });
  if (question.port !== '') params.set('port', question.port);
  return getJson<ReachToResult>(`/api/reach?${params.toString()}`);
};

/** The resource's inspect JSON; NACLs and security groups are all the hop panel asks for. */
export const fetchInspect = (id: string) =>
  getJson<Record<string, unknown>>(`/api/inspect/${encodeURIComponent(id)}`);
