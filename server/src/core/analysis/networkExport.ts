/**
 * The co-occurrence network as files for network tools: nodes and edges as CSV (the columns
 * Gephi's spreadsheet import knows: Id, Label; Source, Target, Type, Weight), GEXF 1.3 (Gephi's
 * own format, with node attributes, sizes and colours by type) and JSON. GEXF is written from a
 * fixed template here: a graph library would be a large dependency for one small file.
 */
import type { EntityType } from '../catalog/types';
import { CSV_BOM, csvLine } from './csvText';
import type { Network } from './network';

export type NetworkFormat = 'nodes-csv' | 'edges-csv' | 'gexf' | 'json';
export const NETWORK_FORMATS: readonly NetworkFormat[] = ['nodes-csv', 'edges-csv', 'gexf', 'json'];

/** Colours by type in the exported graph (the light theme's marks in the editor). */
export const TYPE_COLOURS: Record<EntityType, readonly [number, number, number]> = {
  person: [0x2f, 0x81, 0xf7],
  organisation: [0x82, 0x50, 0xdf],
  place: [0x1a, 0x7f, 0x37],
  topic: [0xbf, 0x87, 0x00],
};

export function networkNodesCsv(net: Network): string {
  const head = CSV_BOM + csvLine(['Id', 'Label', 'Label_en', 'Type', 'Articles', 'Mentions', 'Discovered']);
  return head + net.nodes.map((n) => csvLine([n.id, n.ar, n.en, n.type, n.articles, n.mentions, n.discovered])).join('');
}

export function networkEdgesCsv(net: Network): string {
  const head = CSV_BOM + csvLine(['Source', 'Target', 'Type', 'Weight']);
  return head + net.edges.map((e) => csvLine([e.source, e.target, 'Undirected', e.weight])).join('');
}

/**
 * Text for an XML attribute value: markup characters escaped, and the characters XML 1.0 does
 * not allow at all (control characters, lone surrogates) left out.
 */
export function xmlText(s: string): string {
  return s
    .replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const NODE_ATTRIBUTES: readonly [string, string][] = [
  ['type', 'string'],
  ['en', 'string'],
  ['articles', 'integer'],
  ['mentions', 'integer'],
  ['discovered', 'boolean'],
];

export function networkGexf(net: Network): string {
  const a = xmlText;
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push('<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">');
  out.push(`  <meta><creator>Corpus Lens</creator><description>${a(`Entities named together, weighted by ${net.basis} naming both`)}</description></meta>`);
  out.push('  <graph mode="static" defaultedgetype="undirected">');
  out.push('    <attributes class="node">');
  for (const [id, type] of NODE_ATTRIBUTES) out.push(`      <attribute id="${id}" title="${id}" type="${type}"/>`);
  out.push('    </attributes>');
  out.push('    <nodes>');
  const most = Math.max(1, ...net.nodes.map((n) => n.articles));
  for (const n of net.nodes) {
    const [r, g, b] = TYPE_COLOURS[n.type];
    const values = { type: n.type, en: n.en ?? '', articles: n.articles, mentions: n.mentions, discovered: n.discovered };
    out.push(`      <node id="${a(n.id)}" label="${a(n.ar)}">`);
    out.push(`        <attvalues>${NODE_ATTRIBUTES.map(([id]) => `<attvalue for="${id}" value="${a(String(values[id as keyof typeof values]))}"/>`).join('')}</attvalues>`);
    // Sizes from 4 to 24 by the square root of the articles: areas then follow the counts.
    out.push(`        <viz:size value="${(4 + 20 * Math.sqrt(n.articles / most)).toFixed(2)}"/>`);
    out.push(`        <viz:color r="${r}" g="${g}" b="${b}"/>`);
    out.push('      </node>');
  }
  out.push('    </nodes>');
  out.push('    <edges>');
  net.edges.forEach((e, i) => out.push(`      <edge id="${i}" source="${a(e.source)}" target="${a(e.target)}" weight="${e.weight}"/>`));
  out.push('    </edges>');
  out.push('  </graph>');
  out.push('</gexf>');
  return out.join('\n') + '\n';
}

export function networkExport(net: Network, format: NetworkFormat): string {
  switch (format) {
    case 'nodes-csv':
      return networkNodesCsv(net);
    case 'edges-csv':
      return networkEdgesCsv(net);
    case 'gexf':
      return networkGexf(net);
    case 'json':
      return JSON.stringify(net, null, 2) + '\n';
  }
}
