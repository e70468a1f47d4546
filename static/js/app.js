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
