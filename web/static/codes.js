// Typed search in the ICS and CCS code lists: as the user types into a
// field marked data-codes, its datalist is filled with the codes whose code
// begins with, or whose name holds, what was typed, and the name of the
// code typed shows beside the field. The field posts the code itself.

for (const input of document.querySelectorAll("input[data-codes]")) {
  const list = document.getElementById(input.getAttribute("list"));
  const note = document.createElement("small");
  note.className = "code-name muted";
  input.after(note);
  let timer = 0, seq = 0;
  const search = async () => {
    const q = input.value.trim(), mine = ++seq;
    if (!q) { note.textContent = ""; return; }
    const r = await fetch(`/api/v1/codes/${input.dataset.codes}?q=${encodeURIComponent(q)}`, { headers: { Accept: "application/json" } });
    if (!r.ok || mine !== seq) return;
    const codes = await r.json();
    list.replaceChildren(...codes.map((c) => Object.assign(document.createElement("option"), { value: c.code, textContent: `${c.code} ${c.name}` })));
    const exact = codes.find((c) => c.code === q.toUpperCase());
    note.textContent = exact ? exact.name : "";
  };
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(search, 150); });
  if (input.value) search();
}
