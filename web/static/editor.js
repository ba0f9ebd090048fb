// The editor's findings panel: the structure check runs again whenever the
// drafter pauses typing, and each finding jumps to its line.
(function () {
  "use strict";
  var body = document.getElementById("body");
  var list = document.getElementById("finding-list");
  var counts = document.getElementById("lint-counts");
  var panel = document.getElementById("findings");
  if (!body || !list) { return; }
  var lang = document.documentElement.lang === "en" ? "en" : "zh";
  var words = {
    zh: { error: "错误", warning: "警告", info: "提示", line: "第 %d 行", clause: "条款 %s", none: "未发现问题。", counts: "错误 %d · 警告 %d" },
    en: { error: "Error", warning: "Warning", info: "Note", line: "line %d", clause: "clause %s", none: "No findings.", counts: "%d errors · %d warnings" }
  }[lang];
  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";
  var timer = null, seq = 0;

  function fmt(s, a, b) { return s.replace("%d", a).replace("%s", a).replace("%d", b); }

  function gotoLine(n) {
    var lines = body.value.split("\n");
    var start = 0;
    for (var i = 0; i < n - 1 && i < lines.length; i++) { start += lines[i].length + 1; }
    var end = start + (lines[n - 1] || "").length;
    body.focus();
    body.setSelectionRange(start, end);
    var lineHeight = parseFloat(getComputedStyle(body).lineHeight) || 20;
    body.scrollTop = Math.max(0, (n - 3) * lineHeight);
  }

  function item(f) {
    var li = document.createElement("li");
    li.className = "finding sev-" + f.severity;
    li.dataset.line = f.line;
    var sev = document.createElement("span");
    sev.className = "sev";
    sev.textContent = words[f.severity] || f.severity;
    var a = document.createElement("a");
    a.href = "#";
    a.className = "goto-line";
    a.dataset.line = f.line;
    a.textContent = fmt(words.line, f.line);
    li.append(sev, " ", a);
    if (f.clause) {
      var c = document.createElement("a");
      c.className = "goto-clause";
      c.href = "/standards/" + encodeURIComponent(panel.dataset.standard) + "#c-" + encodeURIComponent(f.clause);
      c.textContent = fmt(words.clause, f.clause);
      li.append(" · ", c);
    }
    var p = document.createElement("p");
    p.textContent = lang === "en" ? f.message_en : f.message;
    li.title = f.rule; // the rule id only as a tooltip
    li.append(p);
    return li;
  }

  function show(findings) {
    list.replaceChildren();
    var errors = 0, warnings = 0;
    findings.forEach(function (f) {
      if (f.severity === "error") { errors++; }
      if (f.severity === "warning") { warnings++; }
      list.append(item(f));
    });
    if (!findings.length) {
      var li = document.createElement("li");
      li.className = "finding none";
      li.textContent = words.none;
      list.append(li);
    }
    counts.textContent = fmt(words.counts, errors, warnings);
  }

  function check() {
    var mine = ++seq;
    fetch(body.dataset.lint, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify({ body: body.value })
    }).then(function (r) { return r.ok ? r.json() : null; })
      .then(function (findings) { if (findings && mine === seq) { show(findings); } })
      .catch(function () {});
  }

  body.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(check, 600);
  });
  list.addEventListener("click", function (ev) {
    var a = ev.target.closest("a.goto-line");
    if (a) { ev.preventDefault(); gotoLine(parseInt(a.dataset.line, 10)); }
  });
})();
