/**
 * The frame every Corpus Lens webview page shares, and the escaping of text put into markup.
 * Pure (no `vscode`): the panel shell fills it in, and the unit tests read it.
 *
 * The frame allows nothing from outside the extension: a content security policy with a nonce
 * for the scripts, styles and fonts only from the webview's own resource origin, no remote
 * resources, no inline style. Corpus text never goes into it: it reaches the page as data
 * (postMessage) and is inserted as text or escaped with `escapeHtml`.
 */

/** Text safe to put between tags or in a quoted attribute value. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface PageFrame {
  /** A fresh random value for each page load: only scripts that carry it run. */
  nonce: string;
  /** The webview's resource origin (`webview.cspSource`). */
  cspSource: string;
  title: string;
  /** Webview URIs of the page's style sheets and scripts, in order. */
  styles: readonly string[];
  scripts: readonly string[];
  /** The page's static markup: the panel's own controls, never corpus text. */
  body: string;
  lang?: string;
  dir?: 'ltr' | 'rtl';
}

/** The content security policy of a page: nothing remote, scripts only by nonce. */
export function contentSecurityPolicy(nonce: string, cspSource: string): string {
  return [`default-src 'none'`, `style-src ${cspSource}`, `script-src 'nonce-${nonce}'`, `font-src ${cspSource}`, `img-src ${cspSource} data:`].join('; ');
}

/** The whole page: the policy, the theme-aware style sheets, the body, the scripts by nonce. */
export function panelPage(f: PageFrame): string {
  const styles = f.styles.map((s) => `<link rel="stylesheet" href="${escapeHtml(s)}">`).join('\n');
  const scripts = f.scripts.map((s) => `<script nonce="${escapeHtml(f.nonce)}" src="${escapeHtml(s)}"></script>`).join('\n');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(f.lang ?? 'en')}" dir="${f.dir ?? 'ltr'}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(f.nonce, f.cspSource))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
<title>${escapeHtml(f.title)}</title>
</head>
<body>
${f.body}
${scripts}
</body>
</html>`;
}
