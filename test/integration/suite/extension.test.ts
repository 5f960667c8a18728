/** Integration tests in a real VS Code, written against the `vscode` API only. */
import { strict as assert } from 'assert';
import * as vscode from 'vscode';
import type { CorpusLensApi } from '../../../client/src/extension';

const EXTENSION_ID = 'corpus-lens.corpus-lens';

async function within<T>(p: Thenable<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `probe` until it returns a value, or fails at the deadline with the last value seen. */
async function until<T>(probe: () => Promise<T | undefined>, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    last = v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Corpus Lens in VS Code', () => {
  let api: CorpusLensApi;
  let doc: vscode.TextDocument;
  let lavrov: vscode.Position;

  before(async () => {
    const ext = vscode.extensions.getExtension<CorpusLensApi>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is installed`);
    api = await within(ext.activate(), 30_000, 'activation');
    await within(api.indexed(), 60_000, 'the first indexing');
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const [file] = await vscode.workspace.findFiles('**/000_*.txt');
    assert.ok(file, `seed 000 in ${folder.toString()}`);
    doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const text = doc.getText();
    lavrov = doc.positionAt(text.indexOf('لافروف', text.indexOf('قال لافروف')) + 2);
  });

  it('treats the seeds as articles (language and grammar)', () => {
    assert.equal(doc.languageId, 'corpus-article');
  });

  it('hover shows the entity card', async () => {
    const hovers = await until(async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, lavrov);
      return h && h.length > 0 ? h : undefined;
    }, 20_000, 'a hover');
    const md = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.match(md, /Sergey Lavrov/);
    assert.match(md, /\*\*13\*\* in the corpus/);
  });

  it('references find the mentions across the corpus', async () => {
    const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, lavrov);
    assert.equal(refs.length, 13);
  });

  it('definition goes to the first full-name mention in the earliest article', async () => {
    const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, lavrov);
    const d = defs[0];
    const uri = 'targetUri' in d ? d.targetUri : d.uri;
    assert.match(uri.path, /004_0559fb3e170e58b6\.txt$/);
  });

  it('the outline starts with the headline and its date', async () => {
    const syms = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    assert.equal(syms[0].name, 'وزيرا خارجية الصين وروسيا يدعوان إلى حماية نتائج الانتصار في الحرب العالمية الثانية');
    assert.match(syms[0].detail, /^2025-12-03/);
  });

  it('workspace symbols find لافروف from "lavrov"', async () => {
    const syms = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'lavrov');
    // VS Code orders symbols itself; the entity (a Class symbol) must be among them.
    const hit = syms.find((s) => s.kind === vscode.SymbolKind.Class && /لافروف/.test(s.name));
    assert.ok(hit, `لافروف among ${syms.map((s) => s.name).join(', ')}`);
    // Ctrl+T ranks by the label, so the Latin name must be in it.
    assert.match(hit.name, /Sergey Lavrov/);
    assert.match(hit.location.uri.path, /\.txt$/);
  });

  it('the People view lists people with counts, their articles and mentions in context', async () => {
    const roots = await api.treeChildren('person');
    const labels = roots.map((r) => r.item.label);
    assert.equal(labels[0], 'وانغ يي');
    assert.match(String(roots[0].item.description), /21 mentions · 4 articles/);
    const lav = roots.find((r) => r.item.label === 'سيرغي لافروف')!;
    assert.ok(lav, `لافروف among ${labels.join(', ')}`);
    const articles = await api.treeChildren('person', lav.node);
    assert.equal(articles.length, 4);
    assert.match(String(articles[0].item.description), /^2025-12-03/);
    const mentions = await api.treeChildren('person', articles[0].node);
    assert.equal(mentions.length, 3);
    const label = mentions[0].item.label as vscode.TreeItemLabel;
    assert.equal(label.label.slice(label.highlights![0][0], label.highlights![0][1]), 'سيرغي لافروف');
    assert.equal(mentions[0].item.command?.command, 'corpusLens.openMention');
  });

  it('clicking a mention opens the article with the mention selected', async () => {
    const lav = (await api.treeChildren('person')).find((r) => r.item.label === 'نيكولاي باتروشيف')!;
    const [article] = await api.treeChildren('person', lav.node);
    const [mention] = await api.treeChildren('person', article.node);
    const cmd = mention.item.command!;
    await vscode.commands.executeCommand(cmd.command, ...(cmd.arguments ?? []));
    const editor = vscode.window.activeTextEditor!;
    assert.match(editor.document.uri.path, /003_664ae161526b342d\.txt$/);
    assert.equal(editor.document.getText(editor.selection), 'نيكولاي باتروشيف');
  });
});
