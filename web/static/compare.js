// Folds the long runs of unchanged lines of the side-by-side and the inline
// views, keeping three lines of context on each side; a button shows a run
// again.

const keep = 3;
const label = document.querySelector("[data-unfold]")?.dataset.unfold || "%d";

// foldButton makes the button that shows n hidden lines again.
function foldButton(n, show) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "link";
  b.textContent = label.replace("%d", n);
  b.onclick = show;
  return b;
}

// The inline view is text, <ins>, <del> and <br>: a line ends at a <br>
// of its own (one inside <ins> or <del> is a changed newline).
for (const div of document.querySelectorAll("div.diff-inline")) {
  const lines = [[]];
  for (const node of Array.from(div.childNodes)) {
    lines[lines.length - 1].push(node);
    if (node.nodeName === "BR") lines.push([]);
  }
  if (lines[lines.length - 1].length === 0) lines.pop();
  const same = (line) => !line.some((n) => n.nodeName === "INS" || n.nodeName === "DEL");
  let i = 0;
  while (i < lines.length) {
    if (!same(lines[i])) { i++; continue; }
    let j = i;
    while (j < lines.length && same(lines[j])) j++;
    const from = i === 0 ? 0 : i + keep, to = j === lines.length ? j : j - keep;
    if (to - from > 2) {
      const run = document.createElement("span");
      run.className = "diff-folded";
      run.hidden = true;
      lines[from][0].before(run);
      for (const line of lines.slice(from, to)) run.append(...line);
      const fold = document.createElement("span");
      fold.className = "diff-fold";
      fold.append(foldButton(to - from, () => { run.replaceWith(...run.childNodes); fold.remove(); }));
      run.before(fold);
    }
    i = j;
  }
}

function unchanged(tr) {
  return !tr.querySelector(".diff-changed, .diff-empty");
}

for (const table of document.querySelectorAll("table.diff-side")) {
  // The text, not the line numbers, gets the width.
  const cols = document.createElement("colgroup");
  for (const c of ["ln", "", "ln", ""]) cols.append(Object.assign(document.createElement("col"), { className: c }));
  table.prepend(cols);
  // The header row names the columns; only the body's rows fold.
  const rows = Array.from(table.tBodies[0]?.rows || []);
  let i = 0;
  while (i < rows.length) {
    if (!unchanged(rows[i])) { i++; continue; }
    let j = i;
    while (j < rows.length && unchanged(rows[j])) j++;
    const from = i === 0 ? 0 : i + keep, to = j === rows.length ? j : j - keep;
    if (to - from > 2) {
      const hidden = rows.slice(from, to);
      hidden.forEach((r) => (r.hidden = true));
      const tr = document.createElement("tr");
      tr.className = "diff-fold";
      const td = tr.insertCell();
      td.colSpan = 4;
      td.append(foldButton(hidden.length, () => { hidden.forEach((r) => (r.hidden = false)); tr.remove(); }));
      hidden[0].before(tr);
    }
    i = j;
  }
}
