/**
 * The language server: the LSP connection and nothing else. Each request is forwarded to a
 * feature of the core with the current index; requests never wait for indexing to finish.
 */
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWorkspaceFoldersNotification,
  MessageType,
  ShowMessageNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { hover, type HoverFormat } from './core/features/hover';
import { definition, highlights, mentionLocations, references, type MentionLocations } from './core/features/navigation';
import { SearchEngine } from './core/search/search';
import { documentSymbols } from './core/features/symbols';
import { foldingRanges } from './core/features/folding';
import { articleLenses, catalogLenses } from './core/features/codeLenses';
import { completions } from './core/features/completion';
import { latinInlayHints } from './core/features/inlayHints';
import { readerArticle } from './core/features/reader';
import { CATALOG_COMMANDS, unlistedNameFixes, unlistedNames } from './core/features/unlistedNames';
import { executeCatalogCommand, type CatalogCommandHost } from './catalogCommands';
import { entityMarks, semanticTokens, SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES } from './core/features/entityMarks';
import { fileUri, isFileUri, uriPath } from './workspace/fileUris';
import { articleMentions, entityArticles, entityItems } from './core/features/entityViews';
import { articleGroups } from './core/features/articlesView';
import { searchAll } from './core/features/paletteSearch';
import { workspaceSymbols } from './core/features/workspaceSymbols';
import { UnlistedNamesRequest, CollocatesRequest, ConcordanceExportRequest, ConcordanceRequest, EntityAtRequest, ArticleMentionsRequest, CardRequest, EntityMarksRequest, ReaderRequest, ArticlesRequest, EntityRequest, EntitiesRequest, EntityArticlesRequest, MemoryRequest, MentionsRequest, SearchRequest, StatusNotification } from './protocol';
import { CorpusWorkspace, DISK_WORKERS, type Progress, type WorkspaceSettings } from './workspace/corpusWorkspace';
import { IndexCache } from './workspace/indexCache';
import { NodeFileSystem } from './workspace/nodeFileSystem';
import type { FileChange } from './workspace/fileSystem';
import type { CorpusIndex } from './core/index/corpusIndex';
import { IncomingMessages } from './incomingMessages';
import { giveWayWhile, sliced } from './workspace/nextTurn';
import { corpusDates } from './core/analysis/datedCounts';
import { ArticlesNamingRequest, EntityTableExportRequest, EntityTableRequest, NetworkExportRequest, NetworkRequest, TimelineRequest } from './protocol';
import { articlesNamingRequest, entityTableExportRequest, entityTableRequest, networkExportRequest, networkRequest, timelineRequest } from './networkRequests';
import { format } from 'util';
import { AnalysisRequests } from './analysisRequests';
import { entityAt } from './core/analysis/concordanceQuery';

// Background work gives way while the client's messages wait (see `incomingMessages.ts`).
const incoming = new IncomingMessages();
giveWayWhile(() => incoming.waiting());
const transport = incoming.transport(process.argv);
const connection: Connection = transport
  ? createConnection(ProposedFeatures.all, transport.reader, transport.writer, { messageStrategy: incoming.strategy })
  : createConnection(ProposedFeatures.all, { messageStrategy: incoming.strategy });
let shutdownReceived = false;
if (transport?.stdio) {
  // What the library does for a stdio transport it sets up itself: stdout is the channel, so the
  // console goes to the client's log; the end of stdin ends the server.
  const log = (...args: unknown[]) => connection.console.log(format(...args));
  console.log = console.info = console.debug = log;
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
  for (const event of ['end', 'close']) process.stdin.on(event, () => process.exit(shutdownReceived ? 0 : 1));
}
const documents = new TextDocuments(TextDocument);
/** The disk; its changes are those the client's file watcher reports. */
const files = new NodeFileSystem();
let ws: CorpusWorkspace;
let search: SearchEngine;
let hasConfiguration = false;
let hasProgress = false;
let hasWorkspaceFolders = false;
let hasTokenRefresh = false;
/** The client's hover: Markdown or plain text; command links only for a client that runs them (the VS Code extension says so). */
let hoverFormat: HoverFormat = { markdown: true, commands: false };
let hasConfigurationRegistration = false;
/** What the client's workspace edits may hold (the catalog commands' edits). */
let workspaceEdits = { documentChanges: false, createFiles: false };
let warned = new Set<string>();

process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${(e as Error)?.stack ?? e}`));
process.on('uncaughtException', (e) => connection.console.error(`uncaught exception: ${e.stack ?? e}`));

let statusTimer: NodeJS.Timeout | undefined;
let sentIndexing: boolean | undefined;
/**
 * Status at most every 50 ms while indexing runs; at once when indexing starts or ends, so that
 * a client learns that the index is complete without waiting.
 */
function sendStatus(): void {
  const send = () => {
    if (statusTimer) clearTimeout(statusTimer);
    statusTimer = undefined;
    const status = ws.status;
    sentIndexing = status.indexing;
    void connection.sendNotification(StatusNotification, {
      articles: ws.index.articleCount,
      entities: ws.index.figures.presentEntityCount,
      indexing: status.indexing,
      done: status.done,
      total: status.total,
      scanMs: status.scanMs,
      skipped: [...status.skipped].map(([uri, reason]) => ({ uri, reason })),
    });
  };
  if (ws.status.indexing !== sentIndexing) send();
  else statusTimer ??= setTimeout(send, 50);
}

connection.onInitialize((params: InitializeParams) => {
  const roots = (params.workspaceFolders ?? []).map((f) => uriPath(f.uri));
  // Where the persisted index lives: the extension's storage folder, given by the client.
  const storage = (params.initializationOptions as { storagePath?: string } | undefined)?.storagePath;
  if (roots.length === 0 && params.rootUri) roots.push(uriPath(params.rootUri));
  ws = new CorpusWorkspace(roots, {
    log: (m) => connection.console.log(m),
    warn: (m) => {
      if (warned.has(m)) return;
      warned.add(m);
      // A notification, not a request: nothing waits for the user to dismiss it.
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: m });
    },
    catalogProblems: (uri, problems) => void connection.sendDiagnostics({ uri, diagnostics: problems.map((p) => ({ ...p, severity: 1, source: 'Corpus Lens' })) }),
    statusChanged: sendStatus,
  }, { files, cache: storage ? IndexCache.forWorkspace(storage, roots).withLog((m) => connection.console.log(m)) : undefined, workers: DISK_WORKERS });
  ws.configure((params.initializationOptions ?? {}) as Partial<WorkspaceSettings>);
  search = ws.search;
  hasConfiguration = !!params.capabilities.workspace?.configuration;
  hasProgress = !!params.capabilities.window?.workDoneProgress;
  hasWorkspaceFolders = !!params.capabilities.workspace?.workspaceFolders;
  hasTokenRefresh = !!params.capabilities.workspace?.semanticTokens?.refreshSupport;
  hasConfigurationRegistration = !!params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
  const edits = params.capabilities.workspace?.workspaceEdit;
  workspaceEdits = { documentChanges: !!edits?.documentChanges, createFiles: !!edits?.resourceOperations?.includes('create') };
  const contentFormat = params.capabilities.textDocument?.hover?.contentFormat;
  hoverFormat = {
    markdown: !contentFormat || contentFormat.includes('markdown'),
    commands: (params.initializationOptions as { commandLinks?: boolean } | undefined)?.commandLinks === true,
  };
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      documentHighlightProvider: true,
      documentSymbolProvider: { label: 'Corpus Lens' },
      workspaceSymbolProvider: true,
      semanticTokensProvider: { legend: { tokenTypes: [...SEMANTIC_TOKEN_TYPES], tokenModifiers: [...SEMANTIC_TOKEN_MODIFIERS] }, full: true },
      foldingRangeProvider: true,
      codeLensProvider: { resolveProvider: false },
      completionProvider: { resolveProvider: false },
      inlayHintProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      executeCommandProvider: { commands: Object.values(CATALOG_COMMANDS) },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'corpus-lens', version: '0.1.0' },
  };
});

/** Indexing progress shown by the client, when it can show it. */
async function indexingProgress(): Promise<Progress | undefined> {
  if (!hasProgress) return undefined;
  const progress = await connection.window.createWorkDoneProgress();
  return {
    begin: (total) => progress.begin('Corpus Lens: indexing', 0, `0 / ${total} files`, true),
    report: (done, total) => progress.report(Math.round((100 * done) / Math.max(1, total)), `${done} / ${total} files`),
    done: () => progress.done(),
    get cancelled() {
      return progress.token.isCancellationRequested;
    },
  };
}

connection.onInitialized(async () => {
  // Registered only with a client that offers it; otherwise its static notifications and `workspace/configuration` pulls serve.
  if (hasConfiguration && hasConfigurationRegistration) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
  // Declared statically in the capabilities: no registration. The library's handler is there
  // only when the client declared workspace folders.
  const foldersChanged = async (event: WorkspaceFoldersChangeEvent) =>
    ws.changeFolders(event.added.map((f) => uriPath(f.uri)), event.removed.map((f) => uriPath(f.uri)), await indexingProgress());
  if (hasWorkspaceFolders) connection.workspace.onDidChangeWorkspaceFolders(foldersChanged);
  else connection.onNotification(DidChangeWorkspaceFoldersNotification.type, (p) => foldersChanged(p.event));
  await ws.loadCatalog();
  await ws.scan(await indexingProgress());
  countCorpusDates();
});

/**
 * Counts the corpus's articles by date once a scan is done, in slices, so that the first timeline
 * asked for counts only its entities' articles; the index keeps the counts up to date from then on.
 */
function countCorpusDates(): void {
  void corpusDates(ws.index, { pause: sliced(2) });
}

connection.onDidChangeConfiguration(async (change) => {
  const s = (change.settings?.corpusLens ?? (hasConfiguration ? await connection.workspace.getConfiguration('corpusLens') : undefined)) as Partial<WorkspaceSettings> | undefined;
  if (!s) return;
  ws.configure({ ...ws.settings, ...s });
  if (hasTokenRefresh) void connection.languages.semanticTokens.refresh();
  warned = new Set();
  await ws.loadCatalog();
  await ws.scan();
  countCorpusDates();
});

/** The key of a URI the client sent (see `fileUris.ts`): the index knows files by their keys. */
const key = (uri: string) => ws.uris.key(uri);
/** A result with its URIs spelled as the client spells them. */
const out = <T>(value: T): T => ws.uris.toClient(value);

documents.onDidChangeContent((e) => ws.documentChanged(key(e.document.uri), e.document.getText()));
documents.onDidClose((e) => void ws.documentClosed(key(e.document.uri)));
// The client watches the files; the workspace hears of the changes through its file system.
connection.onDidChangeWatchedFiles((p) => {
  const changes: FileChange[] = [];
  for (const c of p.changes) {
    const uri = key(c.uri);
    if (isFileUri(uri)) changes.push({ path: uriPath(uri), kind: c.type === 1 ? 'created' : c.type === 2 ? 'changed' : 'deleted' });
  }
  files.changed(changes);
});

/** The text of the file of `key`: the open editor's, else the file's. */
const textOf = (key: string): Promise<string | undefined> => ws.text(key);

/**
 * Runs `f` with the index, and the offset and text of a position in an indexed article. The
 * index has the other open documents' latest texts in it only when `corpus` is asked for.
 */
async function at<T>(clientUri: string, pos: { line: number; character: number }, none: T, f: (uri: string, index: CorpusIndex, offset: number, text: string) => T, corpus = false): Promise<T> {
  const d = await ws.document(key(clientUri), corpus);
  return out(d ? f(d.uri, d.index, d.article.lines.offsetAt(pos), d.text) : none);
}

/** Runs `f` with the index and the text of an indexed article (the editor's, else the file's). */
async function withText<T>(clientUri: string, none: T, f: (uri: string, index: CorpusIndex, text: string) => T): Promise<T> {
  const d = await ws.document(key(clientUri));
  return out(d ? f(d.uri, d.index, d.text) : none);
}

connection.onHover((p) => at(p.textDocument.uri, p.position, null, (u, ix, o, t) => hover(ix, u, o, t, hoverFormat) ?? null));
connection.onDefinition((p) => at(p.textDocument.uri, p.position, null, (u, ix, o, t) => definition(ix, u, o, t) ?? null, true));
/** The most mentions a list of references holds (the setting; 0 for no limit). */
const referenceLimit = () => (ws.settings.maxReferences > 0 ? ws.settings.maxReferences : Infinity);

/** The locations, telling the user when the list holds only part of the mentions (`here`: the current article's come first). */
function listed(page: MentionLocations, here: boolean) {
  if (page.total > page.locations.length) {
    const name = page.entity ? (page.entity.en ? `${page.entity.ar} (${page.entity.en})` : page.entity.ar) : 'This entity';
    const n = (x: number) => x.toLocaleString('en');
    void connection.sendNotification(ShowMessageNotification.type, {
      type: MessageType.Info,
      message: `Corpus Lens: ${name} is mentioned ${n(page.total)} times; the list holds the ${n(page.locations.length)} in ${here ? 'this article and the newest ones' : 'the newest articles'} (setting corpusLens.references.maxResults).`,
    });
  }
  return page.locations;
}

connection.onReferences((p) => at(p.textDocument.uri, p.position, [], (u, ix, o, t) => listed(references(ix, u, o, t, ws.settings.includeDemonyms, referenceLimit()), true), true));
connection.onDocumentHighlight((p) => at(p.textDocument.uri, p.position, [], (u, ix, o, t) => highlights(ix, u, o, t)));
connection.onDocumentSymbol((p) => withText(p.textDocument.uri, [], (u, ix, text) => documentSymbols(ix, u, text)));
connection.onWorkspaceSymbol((p, token) => (token.isCancellationRequested ? [] : out(workspaceSymbols(ws.current(), search, p.query))));
// Colouring the letters is an opt-in (see `entityMarks.ts`); by default the editor draws the marks.
connection.languages.semanticTokens.on(async (p) => ({ data: ws.settings.colourByType ? await withText(p.textDocument.uri, [], (u, ix, text) => semanticTokens(ix, u, text)) : [] }));
connection.onRequest(ReaderRequest, (p) => withText(p.uri, null, (u, ix, text) => readerArticle(ix, u, text) ?? null));
connection.onRequest(CardRequest, (p) =>
  withText(p.uri, null, (u, ix, text) => {
    const h = hover(ix, u, p.offset, text, { markdown: false, commands: false });
    return h ? (h.contents as { value: string }).value : null;
  }),
);
connection.onRequest(EntityMarksRequest, (p) => withText(p.uri, [], (u, ix, text) => entityMarks(ix, u, text)));
connection.onFoldingRanges((p) => withText(p.textDocument.uri, [], (u, ix, text) => foldingRanges(ix, u, text)));
connection.onCodeLens((p) => {
  const uri = key(p.textDocument.uri);
  return out(isFileUri(uri) && ws.folders.isCatalogFile(uriPath(uri)) ? catalogLenses(ws.current(), uri) : articleLenses(ws.current(uri), uri));
});
connection.onCompletion((p) => {
  const doc = documents.get(p.textDocument.uri);
  if (!doc) return [];
  const uri = key(p.textDocument.uri);
  return completions(ws.current(uri), uri, doc.offsetAt(p.position), doc.getText());
});
connection.languages.inlayHint.on(async (p) => {
  if (!ws.settings.latinInlayHints) return [];
  const d = await ws.document(key(p.textDocument.uri));
  if (!d) return [];
  return latinInlayHints(d.index, d.uri, d.text, { start: d.article.lines.offsetAt(p.range.start), end: d.article.lines.offsetAt(p.range.end) });
});

connection.onRequest(UnlistedNamesRequest, (p) => unlistedNames(ws.current(), p.limit, p.id));
connection.onCodeAction((p) => at(p.textDocument.uri, p.range.start, [], (u, ix, o) => unlistedNameFixes(ix, u, o)));
const catalogCommands: CatalogCommandHost = {
  index: () => ws.current(),
  get search() {
    return search;
  },
  catalog: async () => {
    const file = ws.folders.catalogFiles()[0];
    if (file === undefined) return undefined;
    const uri = fileUri(file);
    const open = documents.all().find((d) => key(d.uri) === uri);
    if (open) return { file, uri: open.uri, text: open.getText(), version: open.version };
    return { file, uri, text: await ws.catalogText(file), version: null };
  },
  applyEdit: async (label, edit) => (await connection.workspace.applyEdit({ label, edit })).applied,
  choose: async (message, titles) => (await connection.window.showInformationMessage(message, ...titles.map((title) => ({ title }))))?.title,
  edited: (file, text) => ws.loadCatalog(text, file),
  get edits() {
    return workspaceEdits;
  },
};
connection.onExecuteCommand((p) => executeCatalogCommand(catalogCommands, p.command, p.arguments));
connection.onRequest(EntitiesRequest, (p) => entityItems(ws.current(), search, p.type, p.sort ?? 'mentions', p.filter));
connection.onRequest(EntityArticlesRequest, (p) => out(entityArticles(ws.current(), p.id, p.limit)));
connection.onRequest(ArticleMentionsRequest, (p) => withText(p.uri, [], (u, ix, text) => articleMentions(ix, p.id, u, text)));
connection.onRequest(MentionsRequest, (p) => out(listed(mentionLocations(ws.current(), p.id, ws.settings.includeDemonyms, referenceLimit()), false)));
connection.onRequest(SearchRequest, async (p, token) => out(await searchAll(ws.current(), search, p.query, textOf, token)));

// Concordance
const analysis = new AnalysisRequests({
  index: () => ws.current(),
  readText: textOf,
  key,
  pathOf: uriPath,
  progress: async (title) => {
    if (!hasProgress) return undefined;
    const p = await connection.window.createWorkDoneProgress();
    p.begin(title, 0, undefined, true);
    return { report: (percentage, message) => p.report(percentage, message), done: () => p.done(), get cancelled() { return p.token.isCancellationRequested; } };
  },
});
connection.onRequest(ConcordanceRequest, async (p, token) => out(await analysis.concordance(p, token)));
connection.onRequest(CollocatesRequest, (p, token) => analysis.collocates(p, token));
connection.onRequest(ConcordanceExportRequest, (p, token) => analysis.exportLines(p, token));
connection.onRequest(EntityAtRequest, (p) => at(p.uri, p.position, null, (u, ix, o, t) => entityAt(ix, u, o, t) ?? null));

connection.onRequest(ArticlesRequest, (p) => out(articleGroups(ws.current(), p.year, p.month)));
connection.onRequest(EntityRequest, (p) => ws.current().figures.entity(p.id) ?? null);

// Timeline, network, export
connection.onRequest(TimelineRequest, (p, token) => timelineRequest(ws.current(), p, token));
connection.onRequest(NetworkRequest, (p, token) => networkRequest(ws.current(), p, token));
connection.onRequest(ArticlesNamingRequest, async (p, token) => out(await articlesNamingRequest(ws.current(), p, token)));
connection.onRequest(EntityTableRequest, (p) => entityTableRequest(ws.current(), p));
connection.onRequest(EntityTableExportRequest, (p) => entityTableExportRequest(ws.current(), p));
connection.onRequest(NetworkExportRequest, (p, token) => networkExportRequest(ws.current(), p, token));
connection.onRequest(MemoryRequest, () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const m = process.memoryUsage();
  let indexArrays = 0;
  for (const a of ws.index.allArticles()) indexArrays += 4 * a.dataLength;
  return { heapUsed: m.heapUsed, rss: m.rss, arrayBuffers: m.arrayBuffers, indexArrays, gc: !!gc, pid: process.pid };
});

connection.onShutdown(() => {
  shutdownReceived = true;
  return ws?.flush();
});

documents.listen(connection);
connection.listen();
