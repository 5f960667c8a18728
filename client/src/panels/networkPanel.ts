/**
 * The Network panel: the entities named together, drawn by the page (client/webview/network.ts)
 * from what the server computes (corpusLens/network); a node opens its card, an edge lists the
 * articles naming both. Filters: date range, types, top N, minimum weight, and what an edge
 * counts (articles or paragraphs; the setting corpusLens.network.cooccurrence by default).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ArticlesNamingRequest, ENTITY_TYPE_INFO, ENTITY_TYPES, EntityRequest, NetworkRequest, type NetworkParams } from '../../../server/src/protocol';
import { exportNetwork } from '../analysisExports';
import type { FromNetworkPage, NetworkState, ToNetworkPage } from './networkMessages';
import { LatestAnswer } from './latestAnswer';
import { openArticle } from './openArticle';
import { PanelShell } from './panelShell';
import { cooccurrenceBasis } from '../settings';

const PAGE_SIZE = 50;

/** The page's controls; the graph, the node list, the card and the edge's articles are drawn by its script. */
const BODY = `
<form class="toolbar" id="filters" aria-label="Network filters">
  <label>Edges count <select id="basis"><option value="articles">articles</option><option value="paragraphs">paragraphs</option></select> naming both</label>
  <span class="group" role="group" aria-label="Types">
    ${ENTITY_TYPES.map((t) => `<label><input type="checkbox" data-type="${t}"> ${ENTITY_TYPE_INFO[t].plural}</label>`).join('\n    ')}
  </span>
  <label>Top <input id="top" type="number" min="2" max="500" step="1" size="4"></label>
  <label>Min. weight <input id="minWeight" type="number" min="1" step="1" size="3"></label>
  <label>From <input id="from" type="text" size="10" placeholder="YYYY-MM-DD" pattern="\\d{4}(-\\d{2}(-\\d{2})?)?"></label>
  <label>to <input id="to" type="text" size="10" placeholder="YYYY-MM-DD" pattern="\\d{4}(-\\d{2}(-\\d{2})?)?"></label>
  <button type="submit" class="primary">Apply</button>
  <button type="button" id="export">Export…</button>
</form>
<p id="status" class="muted" role="status"></p>
<div class="layout">
  <div id="graph" class="graph" aria-label="Co-occurrence network (the list beside it holds the same nodes)"></div>
  <aside class="side">
    <section id="card" class="card" hidden aria-live="polite"></section>
    <section id="edge" class="list" hidden><h2 id="edge-title"></h2><ol id="edge-items" class="articles"></ol><button id="edge-more" hidden>More…</button></section>
    <h2>Nodes</h2>
    <ol id="nodes" class="nodes" aria-label="Nodes, most articles first: Enter opens a node's card"></ol>
  </aside>
</div>
`;

const DEFAULT_FILTERS: NetworkParams = { top: 60, minWeight: 1, types: ['person', 'organisation', 'place'] };

export class NetworkPanel implements vscode.Disposable {
  private readonly shell: PanelShell<ToNetworkPage, FromNetworkPage, NetworkState>;
  private state: NetworkState = { filters: { ...DEFAULT_FILTERS, basis: cooccurrenceBasis() } };
  private readonly answers: LatestAnswer;

  /** `serverStarted`: starts the server if it is not (a panel restored after a reload may ask first). */
  constructor(context: vscode.ExtensionContext, private readonly client: LanguageClient, private readonly serverStarted: () => Promise<void>) {
    this.shell = new PanelShell(
      context,
      { viewType: 'corpusLens.network', title: 'Network', styles: ['media/articleList.css', 'media/network.css'], scripts: ['dist/media/network.js'], body: BODY, icon: 'media/corpus-lens.svg', retainContextWhenHidden: true },
      {
        onMessage: (m) => this.onMessage(m),
        onRestore: (saved) => {
          if (saved?.filters) this.state = saved;
        },
      },
    );
    this.answers = new LatestAnswer((m) => this.shell.post(m));
  }

  /** Opens the panel (with these filters over the current ones, when given). */
  async show(filters?: NetworkParams): Promise<void> {
    const open = !!this.shell.panel;
    if (filters) this.state = { filters: { ...this.state.filters, ...filters } };
    this.shell.open(vscode.ViewColumn.Beside);
    if (open) await this.refresh();
  }

  /** The filters shown (for the export command and the tests). */
  get filters(): NetworkParams | undefined {
    return this.shell.panel ? this.state.filters : undefined;
  }

  async refresh(): Promise<void> {
    if (!this.shell.panel) return;
    await this.serverStarted();
    const state = this.state;
    const network = await this.answers.ask((token) => this.client.sendRequest(NetworkRequest, state.filters, token));
    if (network) void this.shell.post({ type: 'network', state, network });
  }

  private async onMessage(m: FromNetworkPage): Promise<void> {
    switch (m.type) {
      case 'ready':
        if (m.state?.filters) this.state = m.state;
        return this.refresh();
      case 'set':
        this.state = { filters: m.filters };
        return this.refresh();
      case 'node': {
        this.state = { ...this.state, selected: m.id };
        const entity = await this.client.sendRequest(EntityRequest, { id: m.id });
        if (entity) void this.shell.post({ type: 'card', entity });
        return;
      }
      case 'edge': {
        const f = this.state.filters;
        const page = await this.client.sendRequest(ArticlesNamingRequest, { ids: [m.source, m.target], from: f.from, to: f.to, sameParagraph: f.basis === 'paragraphs', offset: m.offset ?? 0, limit: PAGE_SIZE });
        void this.shell.post({ type: 'articles', list: { source: m.source, target: m.target, page } });
        return;
      }
      case 'reveal':
        await vscode.commands.executeCommand('corpusLens.reveal', m.id);
        return;
      case 'timeline':
        await vscode.commands.executeCommand('corpusLens.timeline.add', m.id);
        return;
      case 'export':
        await exportNetwork(this.client, this.state.filters);
        return;
      case 'open':
        return openArticle(this.client, m);
    }
  }

  dispose(): void {
    this.answers.dispose();
    this.shell.dispose();
  }
}
