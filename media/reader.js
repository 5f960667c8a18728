// The Reader's page script: renders what the extension posts, reports clicks and hovers back,
// and keeps the reading aids (size, width, Latin names, contents) in the webview's state.
(function () {
  const vscode = acquireVsCodeApi();
  const state = Object.assign({ size: 20, width: 42, latin: false, toc: false }, vscode.getState() || {});
  const article = document.getElementById('article');
  const card = document.getElementById('card');
  const root = document.documentElement;

  function apply() {
    root.style.setProperty('--reader-size', state.size + 'px');
    root.style.setProperty('--reader-width', state.width + 'em');
    document.body.classList.toggle('latin', state.latin);
    document.body.classList.toggle('toc', state.toc);
    for (const b of document.querySelectorAll('[data-act="latin"]')) b.setAttribute('aria-pressed', String(state.latin));
    for (const b of document.querySelectorAll('[data-act="toc"]')) b.setAttribute('aria-pressed', String(state.toc));
    vscode.setState(state);
  }
  apply();

  /** The article offset under a point: the run's start plus the offset in its text. */
  function offsetAt(x, y) {
    const r = document.caretRangeFromPoint ? document.caretRangeFromPoint(x, y) : null;
    if (!r) return undefined;
    const run = (r.startContainer.nodeType === 3 ? r.startContainer.parentElement : r.startContainer).closest('[data-s]');
    return run ? Number(run.dataset.s) + (r.startContainer.nodeType === 3 ? r.startOffset : 0) : undefined;
  }

  let cardFor;
  function showCard(mark) {
    cardFor = mark;
    vscode.postMessage({ type: 'card', offset: Number(mark.dataset.s) });
  }
  function hideCard() {
    cardFor = undefined;
    card.hidden = true;
  }

  document.querySelector('.toolbar').addEventListener('click', (e) => {
    const act = e.target.closest('button') && e.target.closest('button').dataset.act;
    if (act === 'smaller') state.size = Math.max(12, state.size - 2);
    if (act === 'larger') state.size = Math.min(40, state.size + 2);
    if (act === 'narrower') state.width = Math.max(20, state.width - 4);
    if (act === 'wider') state.width = Math.min(90, state.width + 4);
    if (act === 'latin') state.latin = !state.latin;
    if (act === 'toc') state.toc = !state.toc;
    if (act === 'prev' || act === 'next') vscode.postMessage({ type: act });
    apply();
  });

  article.addEventListener('click', (e) => {
    const link = e.target.closest('a[data-s]');
    if (link) {
      e.preventDefault();
      vscode.postMessage({ type: 'reveal', offset: Number(link.dataset.s) });
      return;
    }
    const offset = offsetAt(e.clientX, e.clientY);
    if (offset !== undefined) vscode.postMessage({ type: 'reveal', offset });
  });
  article.addEventListener('mouseover', (e) => {
    const mark = e.target.closest('.m');
    if (mark && mark !== cardFor) showCard(mark);
  });
  article.addEventListener('focusin', (e) => {
    const mark = e.target.closest('.m');
    if (mark) showCard(mark);
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') hideCard();
    if (e.key === 'Enter' && document.activeElement && document.activeElement.matches('.m')) vscode.postMessage({ type: 'reveal', offset: Number(document.activeElement.dataset.s) });
  });
  document.addEventListener('scroll', hideCard);

  window.addEventListener('message', (e) => {
    const m = e.data;
    if (m.type === 'render') {
      const y = window.scrollY;
      // The body is made by the extension, every piece of article text escaped (readerHtml.ts).
      article.innerHTML = m.body;
      if (m.sameArticle) window.scrollTo(0, y);
      else window.scrollTo(0, 0);
      hideCard();
    }
    if (m.type === 'card' && cardFor) {
      card.textContent = '';
      const text = document.createElement('div');
      text.className = 'text';
      text.textContent = m.text || '';
      card.appendChild(text);
      if (m.id) {
        const actions = document.createElement('div');
        actions.className = 'actions';
        for (const [label, type] of [['Show all mentions', 'showMentions'], ['Reveal in sidebar', 'revealEntity']]) {
          const b = document.createElement('button');
          b.textContent = label;
          b.addEventListener('click', () => vscode.postMessage({ type, id: m.id }));
          actions.appendChild(b);
        }
        card.appendChild(actions);
      }
      const box = cardFor.getBoundingClientRect();
      card.hidden = false;
      card.style.top = Math.min(window.innerHeight - card.offsetHeight - 4, box.bottom + 4) + 'px';
      card.style.left = Math.max(4, Math.min(window.innerWidth - card.offsetWidth - 4, box.left)) + 'px';
    }
    if (m.type === 'cursor') {
      for (const el of document.querySelectorAll('.cursor')) el.classList.remove('cursor');
      let best;
      for (const run of article.querySelectorAll('[data-s]')) {
        if (Number(run.dataset.s) <= m.offset) best = run;
        else break;
      }
      if (best) {
        best.classList.add('cursor');
        const r = best.getBoundingClientRect();
        if (r.top < 40 || r.bottom > window.innerHeight) best.scrollIntoView({ block: 'center' });
      }
    }
  });
  vscode.postMessage({ type: 'ready' });
})();
