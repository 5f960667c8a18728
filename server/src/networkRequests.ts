/**
 * The requests of the timeline, the network and the exports, between the connection and the
 * core: their parameters checked (other clients send them too), their long passes over the
 * corpus made in slices that give way to waiting messages, and a cancelled request answered as
 * cancelled.
 */
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';
import type { EntityType } from './core/catalog/types';
import type { CorpusIndex } from './core/index/corpusIndex';
import type { WorkControl } from './core/analysis/articlePass';
import { GRANULARITIES, timeline, type Timeline, type TimelineParams } from './core/analysis/timeline';
import { cooccurrenceNetwork, type Network, type NetworkParams } from './core/analysis/network';
import { articlesNaming, type ArticlesNamingPage, type ArticlesNamingParams } from './core/analysis/articlesNaming';
import { entityTableExportPage, entityTablePage, type EntityTableExportPage, type EntityTableFormat, type EntityTablePage, type EntityTableParams } from './core/analysis/entityTableExport';
import { NETWORK_FORMATS, networkExport, type NetworkFormat } from './core/analysis/networkExport';
import { sliced } from './workspace/nextTurn';

const TYPES: readonly EntityType[] = ['person', 'organisation', 'place', 'topic'];

const invalid = (what: string) => new ResponseError(LSPErrorCodes.RequestFailed, `Corpus Lens: ${what}`);

function check(ok: boolean, what: string): void {
  if (!ok) throw invalid(what);
}

const isDate = (d: unknown) => d === undefined || (typeof d === 'string' && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(d));
const isCount = (n: unknown) => n === undefined || (typeof n === 'number' && Number.isFinite(n) && n >= 0);
const isTypes = (t: unknown) => t === undefined || (Array.isArray(t) && t.every((x) => TYPES.includes(x)));
const isIds = (ids: unknown) => Array.isArray(ids) && ids.every((x) => typeof x === 'string');

function checkRange(p: { from?: unknown; to?: unknown }): void {
  check(isDate(p.from) && isDate(p.to), 'dates are written YYYY, YYYY-MM or YYYY-MM-DD');
}

function checkNetwork(p: NetworkParams | undefined): void {
  check(typeof p === 'object' && p !== null, 'the network’s filters are missing');
  checkRange(p!);
  check(p!.basis === undefined || p!.basis === 'articles' || p!.basis === 'paragraphs', 'basis is articles or paragraphs');
  check(isTypes(p!.types) && isCount(p!.top) && isCount(p!.minWeight), 'types, top or minWeight is malformed');
}

function checkTable(p: EntityTableParams): void {
  check(isTypes(p.types) && isCount(p.limit) && (p.after === undefined || typeof p.after === 'string'), 'types, after or limit is malformed');
}

/** Slices of a few milliseconds, and the request's cancellation. */
const control = (token: CancellationToken): WorkControl => ({ pause: sliced(), token });

/** The result, or the answer LSP gives a cancelled request. */
async function unlessCancelled<T>(work: Promise<T | undefined>): Promise<T> {
  const result = await work;
  if (result === undefined) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
  return result;
}

export function timelineRequest(index: CorpusIndex, p: TimelineParams, token: CancellationToken): Promise<Timeline> {
  check(isIds(p?.ids) && GRANULARITIES.includes(p.granularity), 'a timeline needs entity ids and a granularity (day, week, month or year)');
  checkRange(p);
  return unlessCancelled(timeline(index, p, control(token)));
}

export function networkRequest(index: CorpusIndex, p: NetworkParams, token: CancellationToken): Promise<Network> {
  checkNetwork(p);
  return unlessCancelled(cooccurrenceNetwork(index, p, control(token)));
}

export function articlesNamingRequest(index: CorpusIndex, p: ArticlesNamingParams, token: CancellationToken): Promise<ArticlesNamingPage> {
  check(isIds(p?.ids) && isCount(p.offset) && isCount(p.limit), 'ids, offset or limit is malformed');
  checkRange(p);
  return unlessCancelled(articlesNaming(index, p, control(token)));
}

export function entityTableRequest(index: CorpusIndex, p: EntityTableParams): EntityTablePage {
  checkTable(p ?? {});
  return entityTablePage(index, p ?? {});
}

export function entityTableExportRequest(index: CorpusIndex, p: EntityTableParams & { format: EntityTableFormat }): EntityTableExportPage {
  check(p?.format === 'csv' || p?.format === 'json', 'the entity table is exported as csv or json');
  checkTable(p);
  return entityTableExportPage(index, p);
}

export async function networkExportRequest(index: CorpusIndex, p: { format: NetworkFormat; network: NetworkParams }, token: CancellationToken): Promise<{ text: string }> {
  check(NETWORK_FORMATS.includes(p?.format), `the network is exported as ${NETWORK_FORMATS.join(', ')}`);
  checkNetwork(p.network);
  const net = await unlessCancelled(cooccurrenceNetwork(index, p.network, control(token)));
  return { text: networkExport(net, p.format) };
}
