// The review in the margin: comments are marked on the passages they are
// anchored to and sit beside them; selecting a passage offers the comment
// form with the passage anchored in code points of the revision's text,
// as the API anchors it. Without script the form below the text still
// works with a clause select and a quote field.

const col = document.getElementById("text");
const article = col && col.querySelector("article.text");
const source = document.getElementById("revision-text");
const body = source ? JSON.parse(source.textContent) : null;
const form = document.getElementById("comment-form");

// textNodes lists the text nodes of root with their offsets in its text.
function textNodes(root) {
  const out = [];
  let at = 0;
  const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    out.push({ node: n, start: at });
    at += n.data.length;
  }
  return out;
}

// mark wraps the characters [start, end) of root's text in <mark> elements.
function mark(root, nodes, start, end, id) {
  const marks = [];
  for (const { node, start: s } of nodes) {
    const e = s + node.data.length;
    if (e <= start || s >= end) continue;
    const r = document.createRange();
    r.setStart(node, Math.max(start, s) - s);
    r.setEnd(node, Math.min(end, e) - s);
    const m = document.createElement("mark");
    m.className = "anchor";
    m.dataset.comment = id;
    r.surroundContents(m);
    marks.push(m);
  }
  return marks;
}

// offsetOf returns where the element starts in root's text.
function offsetOf(nodes, el) {
  for (const { node, start } of nodes) {
    if (el.contains(node) || (el.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING)) return start;
  }
  return 0;
}

function highlight() {
  for (const li of document.querySelectorAll(".comment-list:not(.outdated) li.comment[data-exact]")) {
    const exact = li.dataset.exact;
    if (!exact) continue;
    const nodes = textNodes(article);
    const text = nodes.map((n) => n.node.data).join("");
    const clause = li.dataset.clause && document.getElementById("c-" + li.dataset.clause);
    let i = text.indexOf(exact, clause ? offsetOf(nodes, clause) : 0);
    if (i < 0) i = text.indexOf(exact);
    if (i < 0) continue;
    const marks = mark(article, nodes, i, i + exact.length, li.id);
    li.addEventListener("mouseenter", () => marks.forEach((m) => m.classList.add("hot")));
    li.addEventListener("mouseleave", () => marks.forEach((m) => m.classList.remove("hot")));
    for (const m of marks) {
      m.addEventListener("click", () => {
        li.scrollIntoView({ behavior: "smooth", block: "center" });
        li.classList.add("hot");
        setTimeout(() => li.classList.remove("hot"), 1500);
      });
    }
  }
}

// alignMargin places each comment beside its passage, one below another.
function alignMargin() {
  if (!col.classList.contains("margin") || innerWidth < 1100) return;
  const list = document.querySelector(".comment-list:not(.outdated)");
  if (!list) return;
  let floor = 0;
  const top0 = list.getBoundingClientRect().top + scrollY;
  for (const li of list.children) {
    li.style.marginTop = "";
    const m = document.querySelector(`mark.anchor[data-comment="${li.id}"]`) ||
      (li.dataset.clause && document.getElementById("c-" + li.dataset.clause));
    const want = m ? m.getBoundingClientRect().top + scrollY - top0 : floor;
    const at = li.getBoundingClientRect().top + scrollY - top0;
    if (want > at) li.style.marginTop = want - at + "px";
    floor = li.getBoundingClientRect().bottom + scrollY - top0;
  }
}

// clauseOf returns the number of the clause the node stands in.
function clauseOf(node) {
  let best = "";
  for (const el of article.querySelectorAll("[id^='c-']")) {
    if (el === node || el.contains(node) || (el.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING)) best = el.id.slice(2);
    else break;
  }
  return best;
}

const cp = (s) => Array.from(s).length;

// locate finds the selected words in the revision's text, after the line
// that starts the clause, and returns the quote and position in code points.
function locate(exact, clause) {
  if (!body) return null;
  let from = 0;
  if (clause) {
    const re = new RegExp("^(#+\\s*)?" + clause.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "(\\s|$)", "m");
    const m = re.exec(body);
    if (m) from = m.index;
  }
  let i = body.indexOf(exact, from);
  if (i < 0) i = body.indexOf(exact);
  if (i < 0) return null;
  const start = cp(body.slice(0, i));
  const chars = Array.from(body);
  const end = start + cp(exact);
  return {
    start, end,
    prefix: chars.slice(Math.max(0, start - 32), start).join(""),
    suffix: chars.slice(end, end + 32).join(""),
  };
}

function setField(name, value) {
  const f = form.elements.namedItem(name);
  if (f) f.value = value;
}

let button;
function offer() {
  const sel = getSelection();
  if (button) button.hidden = true;
  if (!sel || sel.isCollapsed || !article.contains(sel.anchorNode) || !article.contains(sel.focusNode)) return;
  const exact = sel.toString().trim();
  if (!exact) return;
  const rect = sel.getRangeAt(0).getBoundingClientRect();
  const clause = clauseOf(sel.getRangeAt(0).startContainer);
  if (!button) {
    button = document.createElement("button");
    button.type = "button";
    button.className = "selection-button";
    button.textContent = form.dataset.add;
    document.body.append(button);
  }
  button.style.top = rect.bottom + scrollY + 6 + "px";
  button.style.left = rect.left + scrollX + "px";
  button.hidden = false;
  button.onclick = () => {
    const at = locate(exact, clause);
    setField("quote", exact);
    setField("clause", clause);
    setField("quote.prefix", at ? at.prefix : "");
    setField("quote.suffix", at ? at.suffix : "");
    setField("position.start", at ? at.start : "");
    setField("position.end", at ? at.end : "");
    form.classList.add("popup");
    form.style.top = rect.bottom + scrollY + 6 + "px";
    form.style.left = Math.max(8, Math.min(rect.left + scrollX, innerWidth - 440)) + "px";
    button.hidden = true;
    form.elements.namedItem("body").focus();
  };
}

// lookup fills the list under a field that names standards with what the
// library finds for the last name typed.
function lookup(input) {
  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.split(/[,，;；]/).pop().trim();
      if (q.length < 2) return;
      const r = await fetch("/api/v1/search?size=8&q=" + encodeURIComponent(q));
      if (!r.ok) return;
      const { hits } = await r.json();
      const list = document.getElementById(input.getAttribute("list"));
      list.replaceChildren(...hits.filter((h) => h.number).map((h) => {
        const o = document.createElement("option");
        o.value = h.number;
        o.textContent = h.title;
        return o;
      }));
    }, 200);
  });
}

if (article) {
  highlight();
  // The comments stand in a margin beside the text only where there is
  // something to put there: a form to comment with, or comments. An issued
  // text nobody comments on keeps the whole width.
  if (form || col.querySelector("li.comment")) col.classList.add("margin");
  alignMargin();
  addEventListener("resize", alignMargin);
  if (form) {
    article.addEventListener("mouseup", () => setTimeout(offer, 0));
    document.addEventListener("keydown", (e) => {
      if (e.key === "Escape") form.classList.remove("popup");
    });
  }
}
document.querySelectorAll("input[data-lookup=standards]").forEach(lookup);
