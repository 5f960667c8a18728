/**
 * The Network page: draws what the panel posts with Cytoscape.js (canvas, so it draws without
 * WebGL) laid out by fCoSE (a force-directed layout that stays readable at a few hundred
 * nodes, and fast); beside it the same nodes as a list that the keyboard moves through, the
 * card of the node chosen and the articles of the edge chosen. Names go in as text only.
 */
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { ENTITY_TYPE_INFO, ENTITY_TYPES, type Entity, type EntityKind, type Network, type NetworkNode, type NetworkParams } from '../../server/src/protocol';
import type { FromNetworkPage, NetworkState, ToNetworkPage } from '../src/panels/networkMessages';
import { isolate } from '../src/labels';
import { analysisPage } from './shared/analysisPage';
import { byId as $, themeColour as css } from './shared/dom';

cytoscape.use(fcose);

const channel = analysisPage<ToNetworkPage, FromNetworkPage, NetworkState>('edge-items');
const { status, articles: edgeArticles } = channel;
const form = $<HTMLFormElement>('filters');
const nodeList = $<HTMLOListElement>('nodes');
const card = $<HTMLElement>('card');
const edgeBox = $<HTMLElement>('edge');
const edgeMore = $<HTMLButtonElement>('edge-more');

/** Colours by type: the marks the editor draws behind mentions (theme colours the extension contributes, `corpusLens.<type>Mark`). */
const TYPE_COLOURS = Object.fromEntries(ENTITY_TYPES.map((t) => [t, css(`--vscode-corpusLens-${t}Mark`, '#888')])) as Record<EntityKind, string>;
/** Nodes named on the graph at any zoom (the most articles first); the others from a closer zoom. */
const ALWAYS_LABELLED = 40;
/** Each node's heaviest edges that shape the layout (see `backbone`). */
const BACKBONE_EDGES = 4;
/** Neighbours a card lists before "more". */
const FIRST_NEIGHBOURS = 8;

let state: NetworkState | undefined = channel.saved;
let data: Network | undefined;
let cy: cytoscape.Core | undefined;
let edgeShown: { source: string; target: string; shown: number } | undefined;

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
const nameOf = (id: string) => isolate(data?.nodes.find((n) => n.id === id)?.ar ?? id);

function fillForm(f: NetworkParams): void {
  ($<HTMLSelectElement>('basis')).value = f.basis ?? 'articles';
  for (const box of Array.from(form.querySelectorAll<HTMLInputElement>('[data-type]'))) box.checked = !f.types || f.types.length === 0 || f.types.includes(box.dataset.type as EntityKind);
  $<HTMLInputElement>('top').value = String(f.top ?? 100);
  $<HTMLInputElement>('minWeight').value = String(f.minWeight ?? 1);
  $<HTMLInputElement>('from').value = f.from ?? '';
  $<HTMLInputElement>('to').value = f.to ?? '';
}

function readForm(): NetworkParams {
  const number = (id: string, dflt: number) => {
    const n = Number($<HTMLInputElement>(id).value);
    return Number.isFinite(n) && n > 0 ? Math.floor(n) : dflt;
  };
  const types = Array.from(form.querySelectorAll<HTMLInputElement>('[data-type]')).filter((b) => b.checked).map((b) => b.dataset.type as EntityKind);
  return {
    basis: $<HTMLSelectElement>('basis').value === 'paragraphs' ? 'paragraphs' : 'articles',
    types,
    top: number('top', 100),
    minWeight: number('minWeight', 1),
    from: $<HTMLInputElement>('from').value.trim() || undefined,
    to: $<HTMLInputElement>('to').value.trim() || undefined,
  };
}

/**
 * The edges the layout pulls along: each node's few heaviest. Laid out on all of them, a dense
 * network (most pairs of a small corpus's entities share an article) packs into one ball; on its
 * backbone, the groups of entities named together stand apart. The other edges are drawn fainter.
 */
function backbone(net: Network): Set<number> {
  const perNode = new Map<string, number>();
  const kept = new Set<number>();
  // Edges come heaviest first.
  net.edges.forEach((e, i) => {
    const a = perNode.get(e.source) ?? 0;
    const b = perNode.get(e.target) ?? 0;
    if (a < BACKBONE_EDGES || b < BACKBONE_EDGES) kept.add(i);
    perNode.set(e.source, a + 1);
    perNode.set(e.target, b + 1);
  });
  return kept;
}

/** How the graph looks: nodes by type in the theme's mark colours, the backbone's edges darker, the selection in the focus colour. */
function graphStyle(): cytoscape.StylesheetJson {
  const edgeColour = css('--vscode-descriptionForeground', '#999');
  const focus = css('--vscode-focusBorder', '#007fd4');
  return [
    {
      selector: 'node',
      style: {
        'background-color': (n: cytoscape.NodeSingular) => TYPE_COLOURS[n.data('type') as EntityKind],
        width: 'data(size)',
        height: 'data(size)',
        label: 'data(label)',
        color: css('--vscode-foreground', '#ccc'),
        'font-family': '"Noto Naskh Arabic", "Noto Sans Arabic", sans-serif',
        'font-size': 12,
        'text-valign': 'bottom',
        'text-margin-y': 3,
        'text-outline-color': css('--vscode-editor-background', '#1e1e1e'),
        'text-outline-width': 2,
        'min-zoomed-font-size': 7,
      },
    },
    { selector: 'node.minor', style: { label: '' } },
    { selector: 'node.minor.labelled, node.minor:selected', style: { label: 'data(label)' } },
    { selector: 'edge', style: { width: 'data(width)', 'line-color': edgeColour, opacity: 0.12, 'curve-style': 'haystack' } },
    { selector: 'edge.spine', style: { opacity: 0.4 } },
    { selector: 'node:selected', style: { 'border-width': 3, 'border-color': focus } },
    { selector: 'edge:selected', style: { 'line-color': focus, opacity: 0.9 } },
    { selector: '.faded', style: { opacity: 0.12 } },
  ];
}

/** Lays the nodes out along the backbone's edges, heavier edges shorter. */
function layOut(graph: cytoscape.Core, heaviest: number): void {
  graph
    .nodes()
    .union(graph.edges('.spine'))
    .layout({
      name: 'fcose',
      quality: 'default',
      randomize: true,
      animate: false,
      packComponents: false,
      nodeSeparation: 80,
      nodeRepulsion: () => 9000,
      idealEdgeLength: (e: cytoscape.EdgeSingular) => 60 + 120 * (1 - Math.sqrt(e.data('weight') / heaviest)),
      edgeElasticity: () => 0.3,
      numIter: 2500,
    } as cytoscape.LayoutOptions)
    .run();
}

function draw(net: Network): void {
  cy?.destroy();
  const most = Math.max(1, ...net.nodes.map((n) => n.articles));
  const heaviest = Math.max(1, ...net.edges.map((e) => e.weight));
  const spine = backbone(net);
  cy = cytoscape({
    container: $('graph'),
    elements: [
      // Names of the largest nodes always; of the others once zoomed in (see `labelsByZoom`).
      ...net.nodes.map((n, i) => ({ data: { id: n.id, label: n.ar, type: n.type, size: 14 + 36 * Math.sqrt(n.articles / most) }, classes: i < ALWAYS_LABELLED ? 'major' : 'minor' })),
      ...net.edges.map((e, i) => ({ data: { id: `e${i}`, source: e.source, target: e.target, weight: e.weight, width: 1 + 7 * Math.sqrt(e.weight / heaviest) }, classes: spine.has(i) ? 'spine' : '' })),
    ],
    style: graphStyle(),
    layout: { name: 'preset' },
    minZoom: 0.1,
    maxZoom: 4,
    wheelSensitivity: 0.3,
  });
  layOut(cy, heaviest);
  labelsByZoom();
  cy.on('zoom', labelsByZoom);
  cy.on('tap', 'node', (e) => select(e.target.id()));
  cy.on('tap', 'edge', (e) => listEdge(e.target.data('source'), e.target.data('target')));
  cy.on('tap', (e) => {
    if (e.target === cy) unfade();
  });
}

/** Every name shows once the nodes are drawn large enough for them not to pile up. */
function labelsByZoom(): void {
  if (!cy) return;
  const minor = cy.nodes('.minor');
  if (cy.zoom() >= 1.2) minor.addClass('labelled');
  else minor.removeClass('labelled');
}

function unfade(): void {
  cy?.elements().removeClass('faded');
}

/** Chooses a node: its card, its neighbourhood highlighted, its row in the list. */
function select(id: string): void {
  if (!cy || !data) return;
  const node = cy.getElementById(id);
  cy.elements().unselect();
  node.select();
  cy.elements().addClass('faded');
  node.closedNeighborhood().removeClass('faded');
  for (const li of Array.from(nodeList.querySelectorAll('li'))) li.setAttribute('aria-selected', String(li.dataset.id === id));
  if (state) {
    state = { ...state, selected: id };
    channel.save(state);
  }
  channel.post({ type: 'node', id });
}

function listEdge(source: string, target: string): void {
  edgeShown = { source, target, shown: 0 };
  channel.post({ type: 'edge', source, target });
}

function nodeRows(net: Network): void {
  nodeList.replaceChildren();
  for (const n of net.nodes) {
    const li = document.createElement('li');
    li.tabIndex = 0;
    li.dataset.id = n.id;
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = TYPE_COLOURS[n.type];
    const name = document.createElement('span');
    name.className = 'name';
    name.dir = 'auto';
    name.textContent = n.ar;
    const figures = document.createElement('span');
    figures.className = 'muted';
    figures.textContent = plural(n.articles, 'article');
    li.append(swatch, name, figures);
    li.addEventListener('click', () => select(n.id));
    li.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') select(n.id);
      else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        ((e.key === 'ArrowDown' ? li.nextElementSibling : li.previousElementSibling) as HTMLElement | null)?.focus();
        e.preventDefault();
      }
    });
    nodeList.append(li);
  }
}

function button(text: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.addEventListener('click', onClick);
  return b;
}

function showCard(e: Entity): void {
  const node: NetworkNode | undefined = data?.nodes.find((n) => n.id === e.id);
  card.replaceChildren();
  card.hidden = false;
  const title = document.createElement('h2');
  title.dir = 'auto';
  title.textContent = e.ar;
  card.append(title);
  const line = (text: string, cls = '') => {
    const p = document.createElement('p');
    p.className = cls;
    p.dir = 'auto';
    p.textContent = text;
    card.append(p);
  };
  if (e.en) line(e.en);
  const role = e.roles?.find((r) => !r.to) ?? e.roles?.[e.roles.length - 1];
  line(`${ENTITY_TYPE_INFO[e.type].label}${e.discovered ? ' (discovered)' : ''}${role ? ` — ${role.title}` : e.description ? ` — ${e.description}` : ''}`, 'muted');
  if (node) line(`${plural(node.articles, 'article')}, ${plural(node.mentions, 'mention')} here`);
  // Its edges, heaviest first: the first few, and the rest on request.
  const edges = (data?.edges ?? []).filter((x) => x.source === e.id || x.target === e.id);
  if (edges.length > 0) {
    const p = document.createElement('p');
    p.className = 'neighbours';
    p.append('Named with: ');
    const link = (x: (typeof edges)[number], i: number) => {
      const other = x.source === e.id ? x.target : x.source;
      const b = button(`${nameOf(other)} (${x.weight})`, () => listEdge(x.source, x.target));
      b.className = 'link';
      if (i > 0) p.append(' · ');
      p.append(b);
    };
    edges.slice(0, FIRST_NEIGHBOURS).forEach(link);
    if (edges.length > FIRST_NEIGHBOURS) {
      const more = button(`${edges.length - FIRST_NEIGHBOURS} more…`, () => {
        more.remove();
        edges.slice(FIRST_NEIGHBOURS).forEach((x, i) => link(x, FIRST_NEIGHBOURS + i));
      });
      more.className = 'link more';
      p.append(' · ', more);
    }
    card.append(p);
  }
  const actions = document.createElement('p');
  actions.className = 'actions';
  actions.append(button('Reveal in sidebar', () => channel.post({ type: 'reveal', id: e.id })), button('Add to timeline', () => channel.post({ type: 'timeline', id: e.id })));
  card.append(actions);
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  if (!form.reportValidity()) return;
  channel.post({ type: 'set', filters: readForm() });
});
$<HTMLButtonElement>('export').addEventListener('click', () => channel.post({ type: 'export' }));
edgeMore.addEventListener('click', () => edgeShown && channel.post({ type: 'edge', source: edgeShown.source, target: edgeShown.target, offset: edgeShown.shown }));

channel.onMessage((m) => {
  if (m.type === 'network') {
    state = m.state;
    data = m.network;
    channel.save(state);
    fillForm(state.filters);
    const net = data;
    status.textContent = `${plural(net.nodes.length, 'node')} (top of ${net.candidates.toLocaleString('en')}), ${plural(net.edges.length, 'edge')}${net.edgesOmitted ? ` (${net.edgesOmitted.toLocaleString('en')} lightest left out)` : ''} weighted by the ${net.basis} naming both, over ${plural(net.articles, 'article')}`;
    draw(net);
    nodeRows(net);
    card.hidden = true;
    edgeBox.hidden = true;
    if (state.selected && net.nodes.some((n) => n.id === state!.selected)) select(state.selected);
  } else if (m.type === 'card') showCard(m.entity);
  else if (m.type === 'articles') {
    const { source, target, page } = m.list;
    edgeShown = { source, target, shown: page.offset + page.articles.length };
    edgeBox.hidden = false;
    $<HTMLHeadingElement>('edge-title').textContent = `${nameOf(source)} and ${nameOf(target)}: ${plural(page.total, 'article')}${data?.basis === 'paragraphs' ? ' with a paragraph naming both' : ''}`;
    edgeArticles.show(page.articles, page.offset > 0);
    edgeMore.hidden = edgeShown.shown >= page.total;
    cy?.edges().unselect();
    cy?.edges().filter((e) => e.data('source') === source && e.data('target') === target).select();
  }
});

if (state) fillForm(state.filters);
channel.ready(state);
