/**
 * The Timeline panel: mentions or articles per day, week, month or year of one or several
 * entities, drawn by the page (client/webview/timeline.ts); a period clicked opens the
 * concordance of the entity over that period's dates beside, and lists the period's articles
 * naming it under the chart. The server computes the counts (corpusLens/timeline).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ArticlesNamingRequest, TimelineRequest } from '../../../server/src/protocol';
import { pickEntity } from '../entityChoice';
import type { ConcordancePanel } from './concordancePanel';
import { LatestAnswer } from './latestAnswer';
import { openArticle } from './openArticle';
import { PanelShell } from './panelShell';
import type { FromTimelinePage, TimelineState, ToTimelinePage } from './timelineMessages';

const PAGE_SIZE = 50;

/** The page's controls; the chart and lists are drawn by its script. */
const BODY = `
<header class="toolbar" role="toolbar" aria-label="Timeline">
  <span class="group" role="group" aria-label="Period">
    <button data-granularity="day">Day</button><button data-granularity="week">Week</button><button data-granularity="month">Month</button><button data-granularity="year">Year</button>
  </span>
  <span class="group" role="group" aria-label="Count">
    <button data-measure="mentions">Mentions</button><button data-measure="articles">Articles</button>
  </span>
  <span id="entities" class="entities" aria-label="Entities"></span>
  <button id="add" title="Add an entity to compare">Add…</button>
</header>
<p id="status" class="muted" role="status"></p>
<div id="chart" class="chart" tabindex="0" aria-label="Timeline chart: arrow keys move between periods, Enter opens the period's concordance and lists its articles"></div>
<p id="undated" class="muted"></p>
<section id="list" class="list" hidden><h2 id="list-title"></h2><div id="list-tabs" class="tabs" role="tablist"></div><ol id="list-items" class="articles"></ol><button id="list-more" hidden>More…</button></section>
`;

export class TimelinePanel implements vscode.Disposable {
  private readonly shell: PanelShell<ToTimelinePage, FromTimelinePage, TimelineState>;
  private state: TimelineState = { ids: [], granularity: 'month', measure: 'mentions' };
  private readonly answers: LatestAnswer;

  /** `serverStarted`: starts the server if it is not (a panel restored after a reload may ask first). */
  constructor(
    context: vscode.ExtensionContext,
    private readonly client: LanguageClient,
    private readonly serverStarted: () => Promise<void>,
    private readonly concordance: ConcordancePanel,
  ) {
    this.shell = new PanelShell(
      context,
      { viewType: 'corpusLens.timeline', title: 'Timeline', styles: ['dist/media/timeline.css', 'media/articleList.css', 'media/timeline.css'], scripts: ['dist/media/timeline.js'], body: BODY, icon: 'media/corpus-lens.svg' },
      {
        onMessage: (m) => this.onMessage(m),
        onRestore: (saved) => {
          if (saved?.ids) this.state = saved;
        },
      },
    );
    this.answers = new LatestAnswer((m) => this.shell.post(m));
  }

  /** Opens the panel on these entities (added to those shown when `add`). */
  async show(ids: readonly string[], add = false): Promise<void> {
    const open = !!this.shell.panel;
    this.state = { ...this.state, ids: add ? [...new Set([...this.state.ids, ...ids])] : [...ids] };
    this.shell.open(vscode.ViewColumn.Beside);
    // A new page asks for its data when ready; an open one is sent it now.
    if (open) await this.refresh();
  }

  /** Draws the current state again (the index changed). */
  async refresh(): Promise<void> {
    if (!this.shell.panel) return;
    await this.serverStarted();
    const state = this.state;
    const timeline = await this.answers.ask((token) => this.client.sendRequest(TimelineRequest, { ids: state.ids, granularity: state.granularity }, token));
    if (!timeline) return;
    this.shell.title = timeline.series.length > 0 ? `Timeline: ${timeline.series.map((s) => s.ar).join(' · ')}` : 'Timeline';
    void this.shell.post({ type: 'timeline', state, timeline });
  }

  private async onMessage(m: FromTimelinePage): Promise<void> {
    switch (m.type) {
      case 'ready':
        if (m.state?.ids && this.state.ids.length === 0) this.state = m.state;
        return this.refresh();
      case 'set': {
        const recount = m.granularity !== undefined && m.granularity !== this.state.granularity;
        this.state = { ...this.state, granularity: m.granularity ?? this.state.granularity, measure: m.measure ?? this.state.measure };
        // The page draws the other measure from what it has.
        return recount ? this.refresh() : undefined;
      }
      case 'add': {
        const id = await pickEntity(this.client, 'Add an entity to the timeline', this.state.ids);
        if (id) await this.show([id], true);
        return;
      }
      case 'remove':
        this.state = { ...this.state, ids: this.state.ids.filter((x) => x !== m.id) };
        return this.refresh();
      case 'period': {
        const undated = m.period === 'undated';
        const page = await this.client.sendRequest(ArticlesNamingRequest, { ids: [m.id], from: m.from, to: m.to, undated, offset: m.offset ?? 0, limit: PAGE_SIZE });
        void this.shell.post({ type: 'articles', list: { id: m.id, period: m.period, page } });
        return;
      }
      case 'concordance': {
        const q = await this.concordance.queryFor(m.id);
        // Beside the timeline, which keeps the focus: the arrow keys move on to the next period.
        if (q) this.concordance.show(q.query, q.label, { from: m.from, to: m.to }, true);
        return;
      }
      case 'open':
        return openArticle(this.client, m);
    }
  }

  /** The state shown (for the tests and the commands). */
  get shown(): TimelineState | undefined {
    return this.shell.panel ? this.state : undefined;
  }

  dispose(): void {
    this.answers.dispose();
    this.shell.dispose();
  }
}
