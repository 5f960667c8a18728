/** The frame of the extension's webview pages: nothing remote, scripts only by nonce, text escaped. */
import { strict as assert } from 'assert';
import { contentSecurityPolicy, escapeHtml, panelPage } from '../../client/src/panels/panelPage';

describe('the webview page frame', () => {
  const page = panelPage({
    nonce: 'n0nce',
    cspSource: 'https://resource.example',
    title: 'Concordance <of> "x"',
    styles: ['https://resource.example/media/panel.css'],
    scripts: ['https://resource.example/dist/media/concordance.js'],
    body: '<main id="lines"></main>',
    lang: 'ar',
    dir: 'rtl',
  });

  it('allows scripts only with its nonce and nothing from elsewhere', () => {
    const csp = contentSecurityPolicy('n0nce', 'https://resource.example');
    assert.match(csp, /^default-src 'none'; /);
    assert.match(csp, /script-src 'nonce-n0nce'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    assert.ok(page.includes(`content="${escapeHtml(csp)}"`));
    const scripts = [...page.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.equal(scripts.length, 1);
    assert.match(scripts[0], /nonce="n0nce" src="https:\/\/resource\.example\/dist\/media\/concordance\.js"/);
  });

  it('reads right to left when asked, and escapes its title', () => {
    assert.match(page, /<html lang="ar" dir="rtl">/);
    assert.match(page, /<title>Concordance &#60;of&#62; &#34;x&#34;<\/title>/);
    assert.match(page, /<body>\n<main id="lines"><\/main>/);
  });

  it('escapes every character that could open markup or leave an attribute', () => {
    assert.equal(escapeHtml(`<a href="command:x" onclick='y'>&</a>`), '&#60;a href=&#34;command:x&#34; onclick=&#39;y&#39;&#62;&#38;&#60;/a&#62;');
  });
});
