// Keyboard shortcuts and effort timing for the review page. Every action is a real form in the
// page (htmx posts it; without JavaScript the browser does): this script only fills and submits them.
(() => {
  "use strict";
  document.documentElement.classList.add("js");

  const started = new Map(); // quote id -> when the editor's time on it (re)started, in ms
  let focusedId = null;
  let advanceFrom = null; // after a confirm/reject answered OK, move on to the next quote

  const $ = (selector, root = document) => root.querySelector(selector);
  const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));
  const cards = () => $$(".quote-card[data-quote-id]:not([data-gone])");
  const cardById = (id) => document.getElementById(`quote-${id}`);
  const focusedCard = () => (focusedId && cardById(focusedId)) || null;

  function notify(message) {
    const notice = document.getElementById("notice");
    if (!notice) return;
    notice.textContent = message;
    notice.classList.add("shown");
    clearTimeout(notify.timer);
    notify.timer = setTimeout(() => notice.classList.remove("shown"), 4000);
  }

  function markHighlight(id) {
    $$(".article-text .hl-focused").forEach((el) => el.classList.remove("hl-focused"));
    if (!id) return [];
    const marked = $$(".article-text [data-quotes]").filter((el) => el.dataset.quotes.split(" ").includes(id));
    marked.forEach((el) => el.classList.add("hl-focused"));
    return marked;
  }

  function focusCard(card, { scroll = true } = {}) {
    if (!card) return;
    focusedId = card.dataset.quoteId;
    if (!started.has(focusedId)) started.set(focusedId, performance.now());
    $$(".quote-card.is-focused").forEach((el) => el.classList.remove("is-focused"));
    card.classList.add("is-focused");
    if (!card.contains(document.activeElement)) card.focus({ preventScroll: true });
    const marked = markHighlight(focusedId);
    if (scroll) {
      card.scrollIntoView({ block: "nearest" });
      if (marked.length) marked[0].scrollIntoView({ block: "center" });
    }
  }

  function move(step) {
    const all = cards();
    if (!all.length) return;
    const index = all.findIndex((card) => card.dataset.quoteId === focusedId);
    const next = index < 0 ? all[0] : all[Math.min(all.length - 1, Math.max(0, index + step))];
    focusCard(next);
  }

  // Python indexes str by code point, JavaScript strings by UTF-16 unit: count code points.
  function textOffset(node, offset) {
    const root = document.getElementById("article-text");
    if (!root || !root.contains(node)) return null;
    const range = document.createRange();
    range.setStart(root, 0);
    range.setEnd(node, offset);
    return Array.from(range.toString()).length;
  }

  function selectedSpan() {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    const range = selection.getRangeAt(0);
    const start = textOffset(range.startContainer, range.startOffset);
    const end = textOffset(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) return null;
    return { start, end };
  }

  function submitWithSelection(form, fields) {
    const span = selectedSpan();
    if (!form) return;
    if (!span) {
      notify("Select some words in the article text first.");
      return;
    }
    Object.entries({ ...fields, start: span.start, end: span.end }).forEach(([name, value]) => {
      form.elements[name].value = value;
    });
    form.requestSubmit();
  }

  function click(card, action) {
    const button = card && $(`[data-action="${action}"]`, card);
    if (button && !button.disabled) button.click();
  }

  // The seconds an editor spent on a quote go with each action on it; the clock restarts after.
  document.addEventListener(
    "submit",
    (event) => {
      const card = event.target.closest(".quote-card[data-quote-id]");
      if (!card) return;
      const id = card.dataset.quoteId;
      const seconds = event.target.elements.seconds;
      if (seconds) seconds.value = ((performance.now() - (started.get(id) ?? performance.now())) / 1000).toFixed(1);
      started.set(id, performance.now());
      const action = event.submitter && event.submitter.dataset.action;
      advanceFrom = action === "confirm" || action === "reject" ? id : null;
      focusedId = id;
    },
    true,
  );

  document.addEventListener("focusin", (event) => {
    const card = event.target.closest && event.target.closest(".quote-card[data-quote-id]");
    if (card && card.dataset.quoteId !== focusedId) focusCard(card, { scroll: false });
  });

  document.addEventListener("click", (event) => {
    const segment = event.target.closest(".article-text [data-quotes]");
    if (segment && window.getSelection().isCollapsed) {
      const id = segment.dataset.quotes.split(" ")[0];
      focusCard(cardById(id));
    }
    const claimButton = event.target.closest('[data-action="claim-from-selection"]');
    if (claimButton) {
      const span = selectedSpan();
      const form = document.getElementById("claim-form");
      if (!span) return notify("Select the claim's words in the article text first.");
      form.elements.start.value = span.start;
      form.elements.end.value = span.end;
      $("[data-claim-source]", form).textContent = `From the selection (${span.start}–${span.end})`;
      form.elements.statement.focus();
    }
    const addClaim = event.target.closest('a[data-action="add-claim"]');
    if (addClaim) {
      const form = document.getElementById("claim-form");
      if (!form) return;
      event.preventDefault();
      form.elements.quote.value = addClaim.dataset.quoteId;
      $("[data-claim-source]", form).textContent = `From quote ${addClaim.dataset.quoteId}`;
      form.scrollIntoView({ block: "nearest" });
      form.elements.statement.focus();
    }
  });

  // Speaker search: arrows walk the options, Enter links the chosen one (the first by default).
  function options(input) {
    const list = document.getElementById(input.getAttribute("aria-controls"));
    return list ? $$("[role=option]", list) : [];
  }

  function choose(input, index) {
    const all = options(input);
    all.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
    if (all[index]) input.setAttribute("aria-activedescendant", (all[index].id = `${input.getAttribute("aria-controls")}-${index}`));
    return all[index];
  }

  document.addEventListener("keydown", (event) => {
    const input = event.target.closest && event.target.closest(".speaker-search");
    if (!input) return;
    const all = options(input);
    const current = all.findIndex((option) => option.getAttribute("aria-selected") === "true");
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      choose(input, Math.min(all.length - 1, Math.max(0, current + step)));
    } else if (event.key === "Enter" && all.length) {
      event.preventDefault();
      (all[current] || all[0]).click();
    } else if (event.key === "Escape") {
      input.value = "";
      const list = document.getElementById(input.getAttribute("aria-controls"));
      if (list) list.replaceChildren();
      input.setAttribute("aria-expanded", "false");
      focusCard(input.closest(".quote-card"), { scroll: false });
    }
  });

  const typing = (el) => el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));

  const keys = {
    j: () => move(1),
    k: () => move(-1),
    a: () => click(focusedCard(), "confirm"),
    x: () => click(focusedCard(), "reject"),
    s: () => {
      const input = $(".speaker-search", focusedCard() || document.createElement("div"));
      if (input) {
        input.focus();
        input.select();
      }
    },
    c: () => submitWithSelection($(".span-form", focusedCard() || document.createElement("div")), { role: "content" }),
    m: () => submitWithSelection($(".span-form", focusedCard() || document.createElement("div")), { role: "mention" }),
    u: () => submitWithSelection($(".span-form", focusedCard() || document.createElement("div")), { role: "cue" }),
    n: () => submitWithSelection(document.getElementById("new-quote-form"), {}),
    z: () => click(document.getElementById("undo"), "undo"),
    d: () => click(document.getElementById("done"), "done"),
    "?": () => document.getElementById("shortcuts").showModal(),
  };

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    if (document.getElementById("shortcuts")?.open) return; // Esc closes the dialog natively
    if (!document.getElementById("review")?.hasAttribute("data-editor") && !["j", "k", "?"].includes(event.key)) return;
    const handler = keys[event.key];
    if (!handler) return;
    event.preventDefault();
    handler();
  });

  document.addEventListener("click", (event) => {
    if (event.target.closest('[data-action="help"]')) document.getElementById("shortcuts").showModal();
  });

  // After htmx swaps a card or the review area, put focus and the highlight back where the editor was.
  document.addEventListener("htmx:afterSettle", (event) => {
    $$(".speaker-search").forEach((input) => input.setAttribute("aria-expanded", String(options(input).length > 0)));
    const target = event.detail.target;
    if (target && target.classList && target.classList.contains("speaker-options")) return;
    const failed = event.detail.xhr && event.detail.xhr.status >= 400;
    if (advanceFrom && !failed) {
      const all = cards();
      const index = all.findIndex((card) => card.dataset.quoteId === advanceFrom);
      advanceFrom = null;
      // On to the next quote still to review; past the last one, just the next card.
      const rest = all.slice(index + 1);
      const next = rest.find((card) => card.dataset.status === "suggested") || rest[0];
      if (index >= 0 && next) return focusCard(next);
    }
    advanceFrom = null;
    const card = focusedCard();
    if (card) focusCard(card, { scroll: false });
  });

  document.body.addEventListener("quotebook:notice", (event) => notify(event.detail.message));
  document.body.addEventListener("quotebook:focus", (event) => {
    focusedId = String(event.detail.quote);
  });
  document.addEventListener("htmx:responseError", (event) => {
    const status = event.detail.xhr.status;
    notify(status === 403 ? "Your role cannot change this." : `The server refused that (${status}); reload the page.`);
  });

  // Start on the first quote still to review, so one key confirms it.
  const first = cards().find((card) => card.dataset.status === "suggested") || cards()[0];
  const fromHash = location.hash.startsWith("#quote-") && document.querySelector(location.hash);
  if (fromHash || first) focusCard(fromHash || first);
})();
