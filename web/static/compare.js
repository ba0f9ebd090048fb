// Folds the long runs of unchanged lines of the side-by-side view, keeping
// three lines of context on each side; a button shows a run again.

const keep = 3;
const label = document.querySelector("table.diff-side")?.closest("[data-unfold]")?.dataset.unfold || "%d";

function unchanged(tr) {
  return !tr.querySelector(".diff-changed, .diff-empty");
}

for (const table of document.querySelectorAll("table.diff-side")) {
  // The text, not the line numbers, gets the width.
  const cols = document.createElement("colgroup");
  for (const c of ["ln", "", "ln", ""]) cols.append(Object.assign(document.createElement("col"), { className: c }));
  table.prepend(cols);
  const rows = Array.from(table.rows);
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
      const b = document.createElement("button");
      b.type = "button";
      b.className = "link";
      b.textContent = label.replace("%d", hidden.length);
      b.onclick = () => { hidden.forEach((r) => (r.hidden = false)); tr.remove(); };
      td.append(b);
      hidden[0].before(tr);
    }
    i = j;
  }
}
