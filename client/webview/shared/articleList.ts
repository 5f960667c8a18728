/**
 * A list of articles in a panel's page (a period of the timeline, an edge of the network): date
 * and headline, each opening its article on click or Enter, Up and Down moving between them.
 * Article text goes in as text only.
 */
import type { NamingArticle } from '../../../server/src/protocol';

export interface ArticleListView {
  /** Shows these articles (`append`: after those shown, for the next page). */
  show(articles: readonly NamingArticle[], append: boolean): void;
}

export function articleListView(list: HTMLOListElement, open: (a: NamingArticle) => void): ArticleListView {
  list.addEventListener('keydown', (e) => {
    const item = (e.target as HTMLElement).closest('li');
    if (!item) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const next = (e.key === 'ArrowDown' ? item.nextElementSibling : item.previousElementSibling) as HTMLElement | null;
      next?.focus();
      e.preventDefault();
    }
  });
  return {
    show(articles, append) {
      if (!append) list.replaceChildren();
      for (const a of articles) {
        const li = document.createElement('li');
        li.tabIndex = 0;
        li.setAttribute('role', 'link');
        const date = document.createElement('span');
        date.className = 'date';
        date.textContent = a.date ?? 'undated';
        const headline = document.createElement('span');
        headline.className = 'headline';
        headline.dir = 'auto';
        headline.textContent = a.headline || a.uri;
        li.append(date, headline);
        li.addEventListener('click', () => open(a));
        li.addEventListener('keydown', (e) => {
          if (e.key === 'Enter') open(a);
        });
        list.append(li);
      }
    },
  };
}
