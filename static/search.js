// Site search with Pagefind: the only JavaScript on the site, and optional.
// Without it the stylesheet hides the form (it is in the markup from the start, so that
// showing it moves nothing) and every page still works.
// Pagefind picks the index of the page's language from <html lang>.

const form = document.querySelector("[data-search]");

if (form) {
  const input = form.querySelector("input[type=search]");
  const status = form.querySelector("[data-search-status]");
  const list = form.querySelector("[data-search-results]");
  const messages = form.dataset;
  const MAX_RESULTS = 8;
  // Results looked at for the guard below; a small site has far fewer pages than this.
  const MAX_CHECKED = 40;
  let pagefind = null;
  let latest = 0;
  let timer = 0;

  const load = async () => {
    if (!pagefind) {
      // Relative to this script, and result links under data-base: the site may live in a sub-path.
      pagefind = await import(new URL("../pagefind/pagefind.js", import.meta.url).href);
      await pagefind.options({ excerptLength: 24, baseUrl: messages.base || "/" });
      await pagefind.init();
    }
    return pagefind;
  };

  // Copy an excerpt's text and <mark> elements only: nothing else from the index
  // becomes markup, whatever it contains.
  const excerpt = (html) => {
    const parsed = new DOMParser().parseFromString(html, "text/html");
    const p = document.createElement("p");
    for (const node of parsed.body.childNodes) {
      if (node.nodeType === Node.ELEMENT_NODE && node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.append(mark);
      } else {
        p.append(document.createTextNode(node.textContent || ""));
      }
    }
    return p;
  };

  // Pagefind looks up a word that is not in the index by ever shorter prefixes of it, with
  // no option to turn that off (Pagefind issue 780): the Swedish "migrän" typed on an
  // English page finds "MI", Michigan's code. Keep a page only if a word it matched is
  // about as long as the shortest word typed, so a guess from two letters never shows.
  const wordChars = /[^\p{L}\p{N}]+/gu;
  const closeEnough = (query, data) => {
    const typed = query.split(/\s+/).map((w) => w.replace(wordChars, "")).filter(Boolean);
    if (!typed.length) return true;
    const need = Math.min(4, ...typed.map((w) => w.length));
    const words = (data.content || "").split(/\s+/);
    return (data.locations || []).some((at) => (words[at] || "").replace(wordChars, "").length >= need);
  };

  const show = (results) => {
    list.replaceChildren(
      ...results.map((data) => {
        const li = document.createElement("li");
        const a = document.createElement("a");
        a.href = data.url;
        a.textContent = (data.meta && data.meta.title) || data.url;
        li.append(a, excerpt(data.excerpt || ""));
        return li;
      }),
    );
  };

  const run = async () => {
    const query = input.value.trim();
    const ticket = ++latest;
    if (!query) {
      status.textContent = "";
      list.replaceChildren();
      return;
    }
    status.textContent = messages.msgLoading;
    try {
      const api = await load();
      const search = await api.search(query);
      const found = await Promise.all(search.results.slice(0, MAX_CHECKED).map((r) => r.data()));
      if (ticket !== latest) return; // a newer query is on its way
      const kept = found.filter((data) => closeEnough(query, data));
      const count = kept.length + Math.max(0, search.results.length - MAX_CHECKED);
      show(kept.slice(0, MAX_RESULTS));
      status.textContent = kept.length ? messages.msgCount.replace("{count}", String(count)) : messages.msgNone;
    } catch (error) {
      if (ticket !== latest) return;
      list.replaceChildren();
      status.textContent = messages.msgError;
      console.error(error);
    }
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run();
  });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 300);
  });
}
