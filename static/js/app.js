// The reviewer UI's little bit of behaviour: no framework, no CDN.
"use strict";

// Language switch: change on selection (a button stays for users without JavaScript).
document.addEventListener("change", (event) => {
  if (event.target.matches("[data-autosubmit]")) event.target.form.submit();
});

// Article view: turn a text selection inside the body into start/end offsets.
function offsetIn(container, node, offset) {
  const range = document.createRange();
  range.selectNodeContents(container);
  range.setEnd(node, offset);
  return range.toString().length;
}

document.addEventListener("selectionchange", () => {
  const body = document.querySelector("[data-article-body]");
  const form = document.querySelector("[data-add-claim]");
  if (!body || !form) return;
  const selection = document.getSelection();
  if (!selection.rangeCount || selection.isCollapsed) return;
  const range = selection.getRangeAt(0);
  if (!body.contains(range.startContainer) || !body.contains(range.endContainer)) return;
  const start = offsetIn(body, range.startContainer, range.startOffset);
  const end = offsetIn(body, range.endContainer, range.endOffset);
  if (end <= start) return;
  form.elements.start.value = start;
  form.elements.end.value = end;
  form.querySelector("[data-selection-preview]").textContent = body.textContent.slice(start, end);
  form.hidden = false;
});

// Article view: a just-promoted claim ranks low, out of sight in the side panel's own
// scroll; bring it into the panel's view (the window itself goes to its place in the text).
const promotedItem = document.querySelector("[data-claims-panel] li.promoted");
if (promotedItem) {
  const panel = promotedItem.closest("[data-claims-panel]");
  if (panel.scrollHeight > panel.clientHeight) {
    panel.scrollTop = promotedItem.offsetTop - panel.offsetTop - panel.clientHeight / 3;
  }
}

// Claim workspace: while a source is being archived, poll its status and reload when done.
const evidenceList = document.querySelector("[data-evidence-list]");
if (evidenceList) {
  const busy = () => evidenceList.querySelector('[data-source-status="pending"], [data-source-status="fetching"]');
  const poll = async () => {
    if (!busy()) return;
    try {
      const response = await fetch(evidenceList.dataset.statusUrl, { headers: { Accept: "application/json" } });
      const data = await response.json();
      let finished = false;
      for (const row of data.evidence) {
        const badge = evidenceList.querySelector(`[data-evidence-id="${row.id}"] [data-source-status]`);
        if (!badge) continue;
        if (badge.dataset.sourceStatus !== row.status) {
          badge.dataset.sourceStatus = row.status;
          badge.className = `status status-${row.status}`;
          badge.textContent = row.status_label;
          if (!["pending", "fetching"].includes(row.status)) finished = true;
        }
      }
      if (finished) { window.location.reload(); return; }
    } catch (error) { /* network hiccup: try again on the next tick */ }
    window.setTimeout(poll, 1500);
  };
  window.setTimeout(poll, 1000);
}

// New article: show the fields of the chosen way in, tell the language of pasted text,
// and on a fetched article's page, wait for its text and reload when it is there.
const newArticle = document.querySelector("[data-new-article]");
if (newArticle) {
  const showKind = () => {
    const chosen = newArticle.querySelector('input[name="kind"]:checked');
    for (const part of newArticle.querySelectorAll("[data-kind-fields]")) {
      part.hidden = chosen !== null && part.dataset.kindFields !== chosen.value;
    }
  };
  newArticle.addEventListener("change", (event) => {
    if (event.target.name === "kind") showKind();
  });
  showKind();

  const output = newArticle.querySelector("[data-detected-language]");
  const template = newArticle.querySelector("[data-detected-template]");
  let timer = null;
  const detect = async (field) => {
    const text = field.value.slice(0, 100000);
    if (!text.trim()) { output.textContent = ""; return; }
    const body = new FormData();
    body.append(field.name, text);
    body.append("csrfmiddlewaretoken", newArticle.elements.csrfmiddlewaretoken.value);
    try {
      const response = await fetch(output.dataset.detectUrl, { method: "POST", body, headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const data = await response.json();
      output.dataset.language = data.language;
      output.textContent = data.language ? template.content.textContent.trim().replace("%(language)s", data.label) : "";
    } catch (error) { /* the language is detected when the article is saved anyway */ }
  };
  newArticle.addEventListener("input", (event) => {
    if (!event.target.matches("[data-detect-language]")) return;
    window.clearTimeout(timer);
    timer = window.setTimeout(() => detect(event.target), 400);
  });
}

const fetchStatus = document.querySelector('[data-fetch-status="pending"]');
if (fetchStatus) {
  const pollArticle = async () => {
    try {
      const response = await fetch(fetchStatus.dataset.statusUrl, { headers: { Accept: "application/json" } });
      const data = await response.json();
      if (data.status !== "pending") { window.location.reload(); return; }
    } catch (error) { /* network hiccup: try again on the next tick */ }
    window.setTimeout(pollArticle, 1500);
  };
  window.setTimeout(pollArticle, 1000);
}
