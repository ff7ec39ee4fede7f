// Keyboard review and effort timing for the review page. Cards carry their state in data attributes;
// this script posts each action with htmx.ajax, and the server answers with only what changed
// (cards, text blocks, progress), swapped out of band. Without JavaScript the same actions are forms.
(() => {
  "use strict";
  document.documentElement.classList.add("js");

  const review = document.getElementById("review");
  if (!review) return;
  const base = review.dataset.quoteBase;
  const started = new Map(); // quote id -> when the editor's time on it (re)started, in ms
  let focusedId = null;
  let role = "content"; // which span the arrow keys move
  let advanceFrom = null; // after a confirm/reject answered OK, move on to the next quote
  let speakerQuote = null; // the quote the speaker dialog links

  const $ = (selector, root = document) => root.querySelector(selector);
  const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));
  const cards = () => $$(".quote-card[data-quote-id]");
  const cardById = (id) => document.getElementById(`quote-${id}`);
  const focusedCard = () => (focusedId && cardById(focusedId)) || null;
  const ROLE_NAMES = { content: "content", cue: "cue", mention: "speaker mention" };

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
    if (card.dataset.quoteId !== focusedId) role = "content";
    focusedId = card.dataset.quoteId;
    if (!started.has(focusedId)) started.set(focusedId, performance.now());
    $$(".quote-card.is-focused").forEach((el) => el.classList.remove("is-focused"));
    card.classList.add("is-focused");
    card.dataset.role = role;
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
    const more = document.querySelector(".more-cards");
    if (more && step > 0 && index >= all.length - 3) more.scrollIntoView({ block: "nearest" }); // load the next cards
    const next = index < 0 ? all[0] : all[Math.min(all.length - 1, Math.max(0, index + step))];
    focusCard(next);
  }

  let lastAction = performance.now(); // when the editor last acted: a new quote's time runs from there

  function seconds(id) {
    const value = ((performance.now() - (started.get(id) ?? performance.now())) / 1000).toFixed(1);
    started.set(id, performance.now());
    lastAction = performance.now();
    return value;
  }

  function secondsSinceLastAction() {
    const value = ((performance.now() - lastAction) / 1000).toFixed(1);
    lastAction = performance.now();
    return value;
  }

  // Every action goes through here: the server's answer is all out-of-band swaps.
  function send(url, values, source) {
    return htmx.ajax("POST", url, { source: source || review, values, swap: "none" });
  }

  // One action at a time: a key pressed while the last answer is on its way waits for it, and then
  // sends the version that answer brought, so fast typing never refuses itself as a stale change.
  let queue = Promise.resolve();

  function act(action, values = {}, card = focusedCard()) {
    if (!card) return notify("Focus a quote first (j / k).");
    const id = card.dataset.quoteId;
    focusedId = id;
    const spent = seconds(id);
    queue = queue
      .then(() => {
        const current = cardById(id);
        if (!current) return null;
        return send(`${base}${id}/${action}/`, { version: current.dataset.version, seconds: spent, ...values }, current);
      })
      .catch(() => null);
    return queue;
  }

  function decide(action) {
    const card = focusedCard();
    if (!card) return;
    advanceFrom = card.dataset.quoteId;
    act(action, {}, card);
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

  // c, u, m: a selection becomes that span; without one, the arrows move that span from now on.
  function spanKey(name) {
    const span = selectedSpan();
    if (span) {
      window.getSelection().removeAllRanges();
      return act("span", { role: name, start: span.start, end: span.end, snap: "1" });
    }
    role = name;
    const card = focusedCard();
    if (card) card.dataset.role = role;
    notify(`Arrows move the ${ROLE_NAMES[name]}: ← → its start, Shift+← → its end.`);
  }

  // A word at a time, or a phrase: to the next comma, quotation mark, bracket or clause word.
  function nudge(edge, step, unit = "word") {
    act("move", { role, edge, step, unit });
  }

  function lastEnd(card) {
    const parts = card ? $$(".part", card) : [];
    return parts.length ? parts[parts.length - 1].dataset.end : "0";
  }

  function newQuote() {
    const span = selectedSpan();
    const url = review.dataset.addUrl;
    const kind = "direct";
    const spent = secondsSinceLastAction();
    if (span) {
      window.getSelection().removeAllRanges();
      return send(url, { start: span.start, end: span.end, snap: "1", kind, seconds: spent });
    }
    send(url, { after: lastEnd(focusedCard()), kind, seconds: spent });
  }

  function join() {
    const all = cards();
    const index = all.findIndex((card) => card.dataset.quoteId === focusedId);
    const next = all[index + 1];
    if (index < 0 || !next) return notify("There is no next quote to join.");
    act("join", { other: next.dataset.quoteId, other_version: next.dataset.version });
  }

  // Speaker search in one dialog for the whole page: arrows walk the options, Enter links the chosen one.
  const speakerDialog = document.getElementById("speaker-dialog");
  const speakerInput = document.getElementById("speaker-search");

  function options() {
    return $$("#speaker-options [role=option]");
  }

  function choose(index) {
    const all = options();
    all.forEach((option, i) => {
      option.id = `speaker-option-${i}`;
      option.setAttribute("aria-selected", String(i === index));
    });
    if (all[index]) speakerInput.setAttribute("aria-activedescendant", all[index].id);
  }

  function openSpeakers() {
    const card = focusedCard();
    if (!card || !speakerDialog) return;
    speakerQuote = card;
    // The name the quote proposes is searched at once, and selected: Enter links the first match,
    // typing replaces it.
    speakerInput.value = card.dataset.name || "";
    $("#speaker-options").replaceChildren();
    speakerDialog.showModal();
    speakerInput.focus();
    speakerInput.select();
    if (speakerInput.value) htmx.trigger(speakerInput, "search");
  }

  function linkSpeaker(option) {
    speakerDialog.close();
    if (speakerQuote) act("speaker", { speaker: option.dataset.speakerId }, speakerQuote);
  }

  speakerInput?.addEventListener("keydown", (event) => {
    const all = options();
    const current = all.findIndex((option) => option.getAttribute("aria-selected") === "true");
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      choose(Math.min(all.length - 1, Math.max(0, current + (event.key === "ArrowDown" ? 1 : -1))));
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (all.length) linkSpeaker(all[current] || all[0]);
    } else if (event.key === "Escape") {
      // A search box's first Escape only clears it; here one Escape closes the dialog.
      event.preventDefault();
      speakerDialog.close();
    }
  });
  speakerDialog?.addEventListener("click", (event) => {
    const option = event.target.closest(".speaker-option");
    if (option) {
      event.preventDefault();
      linkSpeaker(option);
    }
  });
  speakerDialog?.addEventListener("close", () => focusCard(speakerQuote, { scroll: false }));

  // New speaker from the proposed name: capitalised, kind chosen, Enter creates and links.
  const newSpeakerDialog = document.getElementById("new-speaker-dialog");
  const newSpeakerForm = document.getElementById("new-speaker-form");

  function properName(name) {
    return name
      .trim()
      .split(/\s+/)
      .map((word) => (/[A-Z]/.test(word) ? word : word.charAt(0).toUpperCase() + word.slice(1)))
      .join(" ");
  }

  function openNewSpeaker() {
    const card = focusedCard();
    if (!card || !newSpeakerDialog) return;
    speakerQuote = card;
    newSpeakerForm.elements.name.value = properName(card.dataset.name || "");
    newSpeakerForm.elements.kind.value = "person";
    newSpeakerDialog.showModal();
    newSpeakerForm.elements.name.focus();
    newSpeakerForm.elements.name.select();
  }

  newSpeakerForm?.addEventListener("submit", (event) => {
    event.preventDefault();
    newSpeakerDialog.close();
    const { name, kind } = newSpeakerForm.elements;
    if (speakerQuote) act("speaker/new", { name: name.value, kind: kind.value }, speakerQuote);
  });
  newSpeakerDialog?.addEventListener("close", () => focusCard(speakerQuote, { scroll: false }));

  // The cards' Confirm and Reject buttons submit the one shared form; with the script, htmx posts them.
  document.getElementById("quote-form")?.addEventListener("submit", (event) => {
    event.preventDefault();
    const button = event.submitter;
    const card = button && button.closest(".quote-card");
    if (!card) return;
    focusCard(card, { scroll: false });
    decide(button.dataset.action);
  });

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
    const jump = event.target.closest("[data-focus]");
    if (jump) {
      event.preventDefault();
      focusCard(cardById(jump.dataset.focus));
    }
    const claimForm = document.getElementById("claim-form");
    if (event.target.closest('[data-action="claim-from-selection"]')) {
      const span = selectedSpan();
      if (!span) return notify("Select the claim's words in the article text first.");
      claimForm.elements.start.value = span.start;
      claimForm.elements.end.value = span.end;
      $("[data-claim-source]", claimForm).textContent = `From the selection (${span.start}–${span.end})`;
      claimForm.elements.statement.focus();
    }
    if (event.target.closest('[data-action="claim-from-quote"]')) {
      if (!focusedId) return notify("Focus a quote first (j / k).");
      claimForm.elements.quote.value = focusedId;
      $("[data-claim-source]", claimForm).textContent = `From quote ${focusedId}`;
      claimForm.elements.statement.focus();
    }
    if (event.target.closest('[data-action="help"]')) document.getElementById("shortcuts").showModal();
  });

  // Bulk confirm (A) and bulk reject (R) from the keyboard: list the quotes, then Enter on the focused
  // button decides them all; Tab and Space untick any first.
  let bulkFocus = null; // the button to focus once the list arrives
  let afterBulk = false; // a bulk decision was sent: focus goes on to a quote still to review

  function bulkList(action) {
    const form = $(`[data-action="${action}-preview"]`)?.form;
    if (!form) return;
    bulkFocus = action === "bulk" ? "bulk-confirm" : "bulk-reject";
    form.requestSubmit();
  }

  document.addEventListener("submit", (event) => {
    if (event.target.closest && event.target.closest("#bulk-preview")) afterBulk = true;
  });

  const typing = (el) => el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  const clickIt = (selector) => {
    const button = $(selector);
    if (button && !button.disabled) button.click();
    return Boolean(button);
  };

  const keys = {
    j: () => move(1),
    k: () => move(-1),
    a: () => decide("confirm"),
    x: () => decide("reject"),
    1: () => act("kind", { kind: "direct" }),
    2: () => act("kind", { kind: "indirect" }),
    3: () => act("kind", { kind: "mixed" }),
    c: () => spanKey("content"),
    u: () => spanKey("cue"),
    m: () => spanKey("mention"),
    ArrowLeft: () => nudge("start", -1),
    ArrowRight: () => nudge("start", 1),
    "Shift+ArrowLeft": () => nudge("end", -1),
    "Shift+ArrowRight": () => nudge("end", 1),
    "[": () => nudge("start", -1, "phrase"),
    "]": () => nudge("start", 1, "phrase"),
    "{": () => nudge("end", -1, "phrase"),
    "}": () => nudge("end", 1, "phrase"),
    A: () => bulkList("bulk"),
    R: () => bulkList("reject"),
    "/": () => act("split"),
    "+": () => join(),
    s: () => openSpeakers(),
    S: () => openNewSpeaker(),
    l: () => clickIt(".quote-card [data-action=link-same]") || notify("No other quote to link: link a speaker first."),
    n: () => newQuote(),
    z: () => clickIt('#undo [data-action="undo"]'),
    d: () => clickIt('[data-action="done-anyway"]') || clickIt('#done [data-action="done"]'),
    g: () => clickIt('[data-action="compare"]'),
    "?": () => document.getElementById("shortcuts").showModal(),
  };
  const readerKeys = new Set(["j", "k", "g", "?"]);

  document.addEventListener("keydown", (event) => {
    // AltGr (Ctrl+Alt on some systems) types the brackets on many keyboards: it is no shortcut modifier.
    const altGraph = event.getModifierState && event.getModifierState("AltGraph");
    if (((event.ctrlKey || event.metaKey || event.altKey) && !altGraph) || typing(event.target)) return;
    if ($("dialog[open]")) return; // Esc closes a dialog natively; its own keys are its own
    const name = event.shiftKey && event.key.startsWith("Arrow") ? `Shift+${event.key}` : event.key;
    if (!review.hasAttribute("data-editor") && !readerKeys.has(name)) return;
    const handler = keys[name];
    if (!handler) return;
    event.preventDefault();
    handler();
  });

  let pendingFocus = null; // a quote the server just created: focus goes to it once its card is in

  // After htmx swaps, put focus and the highlight back where the editor was, or on the next quote.
  document.addEventListener("htmx:afterSettle", (event) => {
    speakerInput?.setAttribute("aria-expanded", String(options().length > 0));
    if (event.detail.target && event.detail.target.id === "speaker-options") return choose(0);
    if (bulkFocus) {
      // The list has arrived: its button takes the focus, so Enter decides (or the Cancel link, if none).
      const button = $(`#bulk-preview [data-action="${bulkFocus}"]`) || $("#bulk-preview a");
      bulkFocus = null;
      if (button) return button.focus();
    }
    if (afterBulk) {
      afterBulk = false;
      const all = cards();
      const index = Math.max(0, all.findIndex((card) => card.dataset.quoteId === focusedId));
      const next = [...all.slice(index), ...all.slice(0, index)].find((card) => card.dataset.status === "suggested");
      if (next) return focusCard(next);
    }
    if (pendingFocus) {
      const created = cardById(pendingFocus);
      if (created) {
        pendingFocus = null;
        advanceFrom = null;
        focusCard(created);
      }
      return;
    }
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
    const card = focusedCard() || cards()[0];
    if (card) focusCard(card, { scroll: false });
  });

  document.body.addEventListener("quotebook:notice", (event) => notify(event.detail.message));
  document.body.addEventListener("quotebook:focus", (event) => {
    pendingFocus = String(event.detail.quote);
    focusedId = pendingFocus;
    role = "content";
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
