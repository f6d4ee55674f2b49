// factlint page: send the text to /v1/lint, highlight each finding in place, apply fixes.
// Claims that were checked and hold get a quiet green mark, undecidable ones a grey one;
// pointing at either says what was computed, or why it could not be decided.
//
// The server counts offsets in Unicode code points; JavaScript strings count UTF-16 code
// units, so every span is converted once, when a response arrives (toUnits). Highlights live
// in a "backdrop" under a transparent textarea: the textarea keeps native editing, undo and
// screen-reader support, and the marks under it are found by hit-testing the pointer
// position (document.elementsFromPoint sees elements covered by the textarea).
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const textarea = $("text");
  const backdrop = $("backdrop");
  const editor = $("editor");
  const list = $("findings");
  const status = $("status");
  const claimSummary = $("summary");
  const popup = $("popup");
  const popupMessage = $("popup-message");
  const popupRule = popup.querySelector(".popup-rule");
  const popupApply = $("popup-apply");
  const DEBOUNCE_MS = 500;
  const TOKEN_KEY = "factlint-token";

  // Findings of the last answer, with spans in UTF-16 units of the *current* text: edits
  // made since move them (shiftFindings), so highlights stay put while the user types.
  let findings = [];
  // Consistent and undecidable claims of the last answer (inconsistent ones are findings).
  let claims = [];
  let shownText = "";
  let fileName = "article.txt";
  let debounce = 0;
  let inFlight = null;
  let sequence = 0;
  let popupFor = -1;
  let hideTimer = 0;

  // --- offsets --------------------------------------------------------------------------

  // Code-point index -> UTF-16 index, for one text. Only built when the text has astral
  // characters (emoji, rare CJK); otherwise the two counts are the same.
  function unitMapper(text) {
    if (!/[\uD800-\uDFFF]/.test(text)) return (cp) => cp;
    const map = [];
    let unit = 0;
    for (const ch of text) {
      map.push(unit);
      unit += ch.length;
    }
    map.push(unit);
    return (cp) => map[Math.min(cp, map.length - 1)];
  }

  function claimsToUnits(items, text) {
    const toUnit = unitMapper(text);
    return items
      .filter((c) => c.verdict !== "inconsistent")
      .map((c, index) => ({ ...c, index, start: toUnit(c.offset), end: toUnit(c.end_offset) }));
  }

  function toUnits(items, text) {
    const toUnit = unitMapper(text);
    return items.map((item, index) => {
      const f = { ...item, index, start: toUnit(item.offset), end: toUnit(item.end_offset) };
      if (item.fix) {
        f.fixStart = toUnit(item.fix.offset);
        f.fixEnd = toUnit(item.fix.end_offset);
        f.fixOriginal = text.slice(f.fixStart, f.fixEnd);
      }
      return f;
    });
  }

  // After an edit, keep the findings wholly before or after the changed region (moved by
  // the change in length) and drop those it touched: they are stale until the next check.
  function shiftFindings(before, after) {
    if (before === after) return;
    let head = 0;
    const limit = Math.min(before.length, after.length);
    while (head < limit && before.charCodeAt(head) === after.charCodeAt(head)) head++;
    let tail = 0;
    while (
      tail < limit - head &&
      before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)
    ) tail++;
    const changedEnd = before.length - tail;
    const delta = after.length - before.length;
    claims = claims.filter((c) => {
      if (c.end <= head) return true;
      if (c.start >= changedEnd && (c.start > head || delta === 0)) {
        c.start += delta;
        c.end += delta;
        return true;
      }
      return false;
    });
    findings = findings.filter((f) => {
      const lo = Math.min(f.start, f.fixStart ?? f.start);
      const hi = Math.max(f.end, f.fixEnd ?? f.end);
      if (hi <= head) return true;
      if (lo >= changedEnd && (lo > head || delta === 0)) {
        f.start += delta;
        f.end += delta;
        if (f.fix) {
          f.fixStart += delta;
          f.fixEnd += delta;
        }
        return true;
      }
      return false;
    });
  }

  // --- rendering ------------------------------------------------------------------------

  const RANK = { info: 0, warning: 1, error: 2 };

  // Marks for possibly overlapping spans: cut the text at every span boundary and mark each
  // piece covered by at least one finding, coloured by the most severe one.
  function renderBackdrop() {
    const text = textarea.value;
    const fragment = document.createDocumentFragment();
    const spans = findings.filter((f) => f.end > f.start && f.end <= text.length);
    const checked = claims.filter((c) => c.end > c.start && c.end <= text.length);
    const cuts = new Set([0, text.length]);
    for (const f of [...spans, ...checked]) {
      cuts.add(f.start);
      cuts.add(f.end);
    }
    const points = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, b] = [points[i], points[i + 1]];
      const covering = spans.filter((f) => f.start <= a && f.end >= b);
      const piece = text.slice(a, b);
      if (!covering.length) {
        const claim = checked.find((c) => c.start <= a && c.end >= b);
        fragment.append(claim ? claimMark(claim, piece) : piece);
        continue;
      }
      covering.sort((x, y) => RANK[y.severity] - RANK[x.severity]);
      const mark = document.createElement("mark");
      mark.className = covering[0].severity;
      mark.dataset.findings = covering.map((f) => f.index).join(" ");
      mark.textContent = piece;
      fragment.append(mark);
    }
    // A final newline needs a character after it to take up its line, as in the textarea.
    fragment.append("\u200b");
    backdrop.replaceChildren(fragment);
  }

  // A finding always wins over a claim: a claim's mark is only where no finding is.
  function claimMark(claim, piece) {
    const mark = document.createElement("mark");
    mark.className = `claim ${claim.verdict === "consistent" ? "ok" : "unknown"}`;
    mark.dataset.claim = claim.index;
    mark.title = describeClaim(claim);
    mark.textContent = piece;
    return mark;
  }

  function describeClaim(c) {
    if (c.verdict === "consistent") return `Checked: ${c.computed || "consistent"}`;
    return `Not decidable: ${c.reason}`;
  }

  function describeWhere(f) {
    return `Line ${f.line}, column ${f.column}`;
  }

  function renderList() {
    const items = findings.map((f) => {
      const li = document.createElement("li");
      li.dataset.index = f.index;
      const sev = document.createElement("span");
      sev.className = `sev ${f.severity}`;
      sev.textContent = f.severity;
      const where = document.createElement("span");
      where.className = "where";
      where.textContent = describeWhere(f);
      const message = document.createElement("div");
      message.className = "message";
      message.textContent = f.message;
      const rule = document.createElement("div");
      rule.className = "rule";
      rule.textContent = f.rule;
      const actions = document.createElement("div");
      actions.className = "actions";
      if (f.end > f.start) {
        const show = document.createElement("button");
        show.type = "button";
        show.className = "show";
        show.textContent = "Show in text";
        show.addEventListener("click", () => showInText(f.index));
        actions.append(show);
      }
      if (f.fix) {
        const apply = document.createElement("button");
        apply.type = "button";
        apply.className = "apply";
        apply.textContent = `Apply fix: “${f.fix.replacement}”`;
        apply.addEventListener("click", () => applyFix(f.index));
        actions.append(apply);
      }
      li.append(sev, " ", where, message, rule, actions);
      return li;
    });
    list.replaceChildren(...items);
  }

  function render() {
    renderBackdrop();
    renderList();
    if (popupFor >= 0 && !byIndex(popupFor)) hidePopup();
  }

  function resize() {
    textarea.style.height = "auto";
    textarea.style.height = `${textarea.scrollHeight}px`;
  }

  function setStatus(text, problem = false) {
    status.textContent = text;
    status.classList.toggle("problem", problem);
  }

  function claimLine(counts) {
    if (!counts) return "";
    const n = counts.checked;
    return (
      `${n} claim${n === 1 ? "" : "s"} checked: ${counts.consistent} consistent, ` +
      `${counts.inconsistent} wrong, ${counts.unknown} undecidable.`
    );
  }

  function summary(items) {
    if (!items.length) return "No findings.";
    const counts = {};
    for (const f of items) counts[f.severity] = (counts[f.severity] || 0) + 1;
    const parts = ["error", "warning", "info"]
      .filter((s) => counts[s])
      .map((s) => `${counts[s]} ${s}${counts[s] > 1 ? "s" : ""}`);
    const n = items.length;
    return `${n} finding${n > 1 ? "s" : ""}: ${parts.join(", ")}.`;
  }

  // --- checking -------------------------------------------------------------------------

  function authHeaders() {
    const token = sessionStorage.getItem(TOKEN_KEY);
    return token ? { Authorization: `Bearer ${token}` } : {};
  }

  async function check() {
    clearTimeout(debounce);
    const text = textarea.value;
    const body = { text };
    const format = $("format").value;
    if (format) body.format = format;
    if ($("date").value) body.date = $("date").value;
    if (inFlight) inFlight.abort();
    const controller = new AbortController();
    inFlight = controller;
    const mine = ++sequence;
    setStatus("Checking…");
    let response;
    let answer;
    try {
      response = await fetch("/v1/lint", {
        method: "POST",
        headers: { "Content-Type": "application/json", ...authHeaders() },
        body: JSON.stringify(body),
        signal: controller.signal,
      });
      answer = await response.json().catch(() => ({}));
    } catch (err) {
      if (err.name === "AbortError") return;
      if (mine === sequence) setStatus("The server cannot be reached. Is factlint serve running?", true);
      return;
    } finally {
      if (inFlight === controller) inFlight = null;
    }
    if (mine !== sequence) return;
    if (response.status === 401) {
      $("token-row").hidden = false;
      setStatus("This server needs an access token: enter it above, then check again.", true);
      $("token").focus();
      return;
    }
    if (!response.ok) {
      setStatus(`Not checked: ${answer.error || response.statusText}`, true);
      return;
    }
    findings = toUnits(answer.findings, text);
    claims = claimsToUnits(answer.checked || [], text);
    claimSummary.textContent = claimLine(answer.claims);
    shownText = text;
    // The user may have typed while the answer travelled: move the spans onto the new text.
    if (textarea.value !== text) shiftFindings(text, textarea.value);
    shownText = textarea.value;
    render();
    setStatus(summary(findings));
  }

  function scheduleCheck() {
    clearTimeout(debounce);
    if ($("live").checked && textarea.value.trim()) debounce = setTimeout(check, DEBOUNCE_MS);
  }

  // --- highlights and fixes -------------------------------------------------------------

  function byIndex(index) {
    return findings.find((f) => f.index === index);
  }

  function markFor(index) {
    return [...backdrop.querySelectorAll("mark[data-findings]")].find((m) =>
      m.dataset.findings.split(" ").includes(String(index))
    );
  }

  function showPopup(index, anchor) {
    const f = byIndex(index);
    if (!f) return;
    clearTimeout(hideTimer);
    popupFor = index;
    popupMessage.textContent = f.message;
    popupRule.textContent = `${f.rule} · ${f.severity} · ${describeWhere(f)}`;
    popupApply.hidden = !f.fix;
    if (f.fix) popupApply.textContent = `Apply fix: “${f.fix.replacement}”`;
    for (const m of backdrop.querySelectorAll("mark.active")) m.classList.remove("active");
    const mark = anchor || markFor(index);
    if (mark) mark.classList.add("active");
    popup.hidden = false;
    const box = (mark || textarea).getBoundingClientRect();
    const left = Math.min(box.left, window.innerWidth - popup.offsetWidth - 8);
    popup.style.left = `${Math.max(8, left) + window.scrollX}px`;
    popup.style.top = `${box.bottom + window.scrollY + 6}px`;
  }

  function showClaimPopup(mark) {
    const c = claims.find((item) => item.index === Number(mark.dataset.claim));
    if (!c) return;
    clearTimeout(hideTimer);
    popupFor = -1;
    popupMessage.textContent = describeClaim(c);
    popupRule.textContent = `${c.rule} · ${c.verdict} · ${describeWhere(c)}`;
    popupApply.hidden = true;
    for (const m of backdrop.querySelectorAll("mark.active")) m.classList.remove("active");
    popup.hidden = false;
    const box = mark.getBoundingClientRect();
    const left = Math.min(box.left, window.innerWidth - popup.offsetWidth - 8);
    popup.style.left = `${Math.max(8, left) + window.scrollX}px`;
    popup.style.top = `${box.bottom + window.scrollY + 6}px`;
  }

  // What pointing at a mark shows: a finding's message and fix, or what a claim computed.
  function showFor(mark) {
    if (mark.dataset.findings) showPopup(firstFinding(mark), mark);
    else showClaimPopup(mark);
  }

  function hidePopup() {
    popup.hidden = true;
    popupFor = -1;
    for (const m of backdrop.querySelectorAll("mark.active")) m.classList.remove("active");
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hidePopup, 400);
  }

  function markAt(x, y) {
    return document.elementsFromPoint(x, y).find((el) => el.tagName === "MARK" && backdrop.contains(el));
  }

  function firstFinding(mark) {
    return Number(mark.dataset.findings.split(" ")[0]);
  }

  function showInText(index) {
    const f = byIndex(index);
    if (!f) return;
    const mark = markFor(index);
    if (mark) mark.scrollIntoView({ block: "center", behavior: "auto" });
    textarea.focus({ preventScroll: true });
    textarea.setSelectionRange(f.start, f.end);
    showPopup(index, mark);
  }

  function applyFix(index) {
    const f = byIndex(index);
    if (!f || !f.fix) return;
    const text = textarea.value;
    if (text.slice(f.fixStart, f.fixEnd) !== f.fixOriginal) {
      setStatus("The text changed around this finding; checking again.");
      check();
      return;
    }
    textarea.focus({ preventScroll: true });
    textarea.setSelectionRange(f.fixStart, f.fixEnd);
    // insertText keeps the browser's undo history (Ctrl+Z undoes the fix); setRangeText
    // is the fallback where execCommand is gone.
    const done = document.execCommand && document.execCommand("insertText", false, f.fix.replacement);
    if (!done || textarea.value === text) {
      textarea.setRangeText(f.fix.replacement, f.fixStart, f.fixEnd, "end");
      onEdit();
    }
    hidePopup();
    setStatus(`Applied: “${f.fix.replacement}”. Checking again…`);
    check();
  }

  // --- events ---------------------------------------------------------------------------

  function onEdit() {
    const text = textarea.value;
    shiftFindings(shownText, text);
    shownText = text;
    resize();
    render();
    scheduleCheck();
  }

  function loadText(text, name) {
    textarea.value = text.replace(/^\uFEFF/, "");
    fileName = name || fileName;
    if (/\.(md|markdown)$/i.test(fileName)) $("format").value = "markdown";
    else if (/\.txt$/i.test(fileName)) $("format").value = "text";
    findings = [];
    claims = [];
    claimSummary.textContent = "";
    shownText = textarea.value;
    resize();
    render();
    check();
  }

  async function loadFile(file) {
    if (!file) return;
    try {
      loadText(await file.text(), file.name);
    } catch (err) {
      setStatus(`Cannot read ${file.name}: ${err.message}`, true);
    }
  }

  textarea.addEventListener("input", onEdit);
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      check();
    } else if (event.key === "Escape" && !popup.hidden) {
      hidePopup();
    }
  });

  let pending = false;
  textarea.addEventListener("mousemove", (event) => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      const mark = markAt(event.clientX, event.clientY);
      if (mark) showFor(mark);
      else if (!popup.hidden) hideSoon();
    });
  });
  textarea.addEventListener("mouseleave", () => {
    if (!popup.hidden) hideSoon();
  });
  textarea.addEventListener("click", (event) => {
    const mark = markAt(event.clientX, event.clientY);
    if (mark) showFor(mark);
  });
  popup.addEventListener("mouseenter", () => clearTimeout(hideTimer));
  popup.addEventListener("mouseleave", hideSoon);
  popup.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      hidePopup();
      textarea.focus();
    }
  });
  popupApply.addEventListener("click", () => applyFix(popupFor));
  $("popup-close").addEventListener("click", () => {
    hidePopup();
    textarea.focus();
  });

  $("controls").addEventListener("submit", (event) => {
    event.preventDefault();
    check();
  });
  $("date").addEventListener("change", () => textarea.value.trim() && check());
  $("format").addEventListener("change", () => textarea.value.trim() && check());
  $("file").addEventListener("change", (event) => loadFile(event.target.files[0]));
  $("token").addEventListener("change", (event) => {
    sessionStorage.setItem(TOKEN_KEY, event.target.value.trim());
    check();
  });
  $("download").addEventListener("click", () => {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([textarea.value], { type: "text/plain" }));
    link.download = fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  });

  editor.addEventListener("dragover", (event) => {
    if (![...event.dataTransfer.types].includes("Files")) return;
    event.preventDefault();
    editor.classList.add("dragging");
  });
  editor.addEventListener("dragleave", () => editor.classList.remove("dragging"));
  editor.addEventListener("drop", (event) => {
    if (!event.dataTransfer.files.length) return;
    event.preventDefault();
    editor.classList.remove("dragging");
    loadFile(event.dataTransfer.files[0]);
  });
  window.addEventListener("resize", resize);

  resize();
  render();
})();
