// Site search with Pagefind: the only JavaScript on the site, and optional.
// Without it the form stays hidden and every page still works.
// Pagefind picks the index of the page's language from <html lang>.

const form = document.querySelector("[data-search]");

if (form) {
  const input = form.querySelector("input[type=search]");
  const status = form.querySelector("[data-search-status]");
  const list = form.querySelector("[data-search-results]");
  const messages = form.dataset;
  const MAX_RESULTS = 8;
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
      const results = await Promise.all(search.results.slice(0, MAX_RESULTS).map((r) => r.data()));
      if (ticket !== latest) return; // a newer query is on its way
      show(results);
      status.textContent = results.length
        ? messages.msgCount.replace("{count}", String(search.results.length))
        : messages.msgNone;
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
  form.hidden = false;
}
