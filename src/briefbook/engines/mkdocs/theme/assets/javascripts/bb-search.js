/* briefbook's search: Material's search box (partials/search.html) on Pagefind's index
   (briefbook/engines/pagefind.py). Pagefind's script, its index and its highlighter are
   loaded from the site itself when they are first needed: the script when the box is
   opened, the index's chunks for the words typed, a fragment per result shown. Pagefind
   picks the index of the page's <html lang>, so results are in the page's language.
   Keys as in Material: "/", "s" or "f" open the search, Escape closes it, the arrow keys
   move through the results. */
(() => {
  "use strict";
  const box = document.querySelector("[data-bb-search]");
  const toggle = document.getElementById("__search");
  if (!box || !toggle) return;
  const input = box.querySelector("input.md-search__input");
  const form = box.querySelector("form");
  const meta = box.querySelector(".md-search-result__meta");
  const list = box.querySelector(".md-search-result__list");
  const words = box.dataset;
  const bundle = new URL(words.bundle, document.baseURI);
  const param = "highlight";
  const shown = 10;
  const pause = 60;
  let engine = null;
  let running = false;
  let again = false;
  let waiting = null;
  let listed = null;
  let follow = false;

  function load() {
    if (engine === null) {
      engine = import(new URL("pagefind.js", bundle).href).then(async pagefind => {
        await pagefind.options({
          baseUrl: new URL("..", bundle).pathname, highlightParam: param, excerptLength: 24,
        });
        await pagefind.init();
        return pagefind;
      });
    }
    return engine;
  }

  function element(tag, className) {
    const made = document.createElement(tag);
    if (className) made.className = className;
    return made;
  }

  /* Pagefind's excerpt as text with <mark>s: nothing else of it is taken as HTML. */
  function excerpt(html) {
    const parsed = document.createElement("template");
    parsed.innerHTML = html;
    const paragraph = element("p");
    for (const node of parsed.content.childNodes) {
      if (node.nodeName === "MARK") {
        const mark = element("mark");
        mark.textContent = node.textContent;
        paragraph.append(mark);
      } else {
        paragraph.append(document.createTextNode(node.textContent));
      }
    }
    return paragraph;
  }

  function item(data) {
    const link = element("a", "md-search-result__link");
    link.href = data.url;
    link.tabIndex = -1;
    const article = element("article", "md-search-result__article md-typeset");
    const title = element("h1");
    title.textContent = data.meta.title || data.url;
    article.append(element("div", "md-search-result__icon md-icon"), title);
    if (data.meta.kind) {
      const kind = element("p", "bb-search-kind");
      kind.textContent = data.meta.kind;
      article.append(kind);
    }
    if (data.meta.summary) {
      const summary = element("p", "bb-search-summary");
      summary.textContent = data.meta.summary;
      article.append(summary);
    }
    article.append(excerpt(data.excerpt));
    link.append(article);
    const entry = element("li", "md-search-result__item");
    entry.append(link);
    return entry;
  }

  function count(total) {
    if (total === 0) return words.none;
    if (total === 1) return words.one;
    return words.other.replace("#", String(total));
  }

  /* One search at a time: keys typed while one runs make one more search, for the words
     in the box when it ends; a search whose words are no longer in the box shows nothing
     and fetches no result. */
  async function search(query) {
    if (!query) {
      list.replaceChildren();
      meta.textContent = words.placeholder;
      listed = null;
      return;
    }
    const pagefind = await load();
    const found = await pagefind.search(query);
    if (!found || input.value.trim() !== query) return;
    const results = await Promise.all(found.results.slice(0, shown).map(r => r.data()));
    if (input.value.trim() !== query) return;
    meta.textContent = count(found.results.length);
    list.replaceChildren(...results.map(item));
    listed = query;
    if (follow) openFirst();
  }

  /* Enter opens the first result for the words in the box: at once when it is shown,
     else when their search ends (never a result left from the words before). */
  function openFirst() {
    follow = listed !== input.value.trim();
    if (follow) return;
    const first = links()[0];
    if (first) first.click();
  }

  /* A key typed: the index's chunks for the words so far are fetched at once, and the
     search runs when the keys pause. Pagefind cannot stop a search it has begun, and
     ranking a word found on thousands of pages takes a good part of a second: a search
     begun for each key of a word typed quickly would keep its last key waiting. A key
     typed after Enter takes Enter back. */
  function typed() {
    const query = input.value.trim();
    follow = false;
    if (query && engine !== null) {
      engine.then(pagefind => pagefind.preload(query)).catch(() => {});
    }
    clearTimeout(waiting);
    waiting = setTimeout(run, query ? pause : 0);
  }

  async function run() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await search(input.value.trim());
      } while (again);
    } finally {
      running = false;
    }
  }

  function open() {
    toggle.checked = true;
    input.focus();
    input.select();
    load();
  }

  function close() {
    toggle.checked = false;
    input.blur();
  }

  function links() {
    return [...list.querySelectorAll("a.md-search-result__link")];
  }

  function move(step) {
    const all = [input, ...links()];
    const at = all.indexOf(document.activeElement);
    const next = all[Math.max(0, Math.min(all.length - 1, at + step))];
    if (next) next.focus();
  }

  function editable(target) {
    return target instanceof HTMLElement && (target.isContentEditable
      || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
  }

  input.addEventListener("focus", open);
  input.addEventListener("input", typed);
  form.addEventListener("submit", event => {
    event.preventDefault();
    openFirst();
  });
  form.addEventListener("reset", () => setTimeout(() => { run(); input.focus(); }));
  toggle.addEventListener("change", () => (toggle.checked ? open() : close()));
  window.addEventListener("keydown", event => {
    if (event.metaKey || event.ctrlKey || event.altKey) return;
    if (!toggle.checked) {
      if (["/", "s", "f"].includes(event.key) && !editable(document.activeElement)) {
        event.preventDefault();
        event.stopPropagation();
        open();
      }
      return;
    }
    const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    if (event.key === "Escape") close();
    else if (step) move(step);
    else return;
    event.preventDefault();
    event.stopPropagation();
  }, true);

  /* A page opened from a result: the words searched for marked in its article. */
  if (new URLSearchParams(location.search).has(param)) {
    import(new URL("pagefind-highlight.js", bundle).href).then(highlight => {
      new highlight.default({ highlightParam: param, addStyles: false });
    });
  }
})();
