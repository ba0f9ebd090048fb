// The editor's live preview (the same renderer as the standard page), the
// toolbar that inserts GB/T 1.1 constructs at the cursor, the similar
// standards panel and the warning before leaving with unsaved changes.
(function () {
  "use strict";
  var body = document.getElementById("body");
  var preview = document.getElementById("preview");
  var form = document.getElementById("edit-form");
  if (!body || !preview) { return; }
  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";
  var saved = body.value, timer = null, seq = 0;

  function post(url, data) {
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(data)
    }).then(function (r) { return r.ok ? r.json() : null; });
  }

  // The server renders and sanitizes; its HTML is what the page shows.
  function render() {
    var mine = ++seq;
    post(body.dataset.preview, { body: body.value }).then(function (v) {
      if (v && mine === seq) { preview.innerHTML = v.html; }
    }).catch(function () {});
  }
  body.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(render, 400);
  });

  // The numbered clause before the cursor: "5.2" from "### 5.2 …" or "5.2.1 …".
  function clauseBefore(text) {
    var re = /^(?:#{2,6} )?(\d+(?:\.\d+)*) /gm, m, last = null;
    while ((m = re.exec(text)) !== null) { last = m; }
    return last;
  }
  function nextNumber(text) {
    var last = clauseBefore(text);
    if (!last) { return { number: "1", hashes: "## " }; }
    var parts = last[1].split(".");
    parts[parts.length - 1] = String(parseInt(parts[parts.length - 1], 10) + 1);
    var hashes = last[0].charAt(0) === "#" ? last[0].slice(0, last[0].indexOf(" ") + 1) : "";
    return { number: parts.join("."), hashes: hashes };
  }
  function count(text, re) { return (text.match(re) || []).length; }
  function nextAnnex(text) {
    var n = count(text, /^## 附录 [A-Z]/gm);
    return String.fromCharCode(65 + Math.min(n, 25));
  }
  var L = document.documentElement.lang === "en" ? {
    clause: "Text of the clause.", term: "term", def: "Definition.", note: "NOTE  ", example: "EXAMPLE  ",
    table: "Title of the table", annex: "(informative) Title of the annex", col: "Column"
  } : {
    clause: "条文。", term: "术语", def: "定义。", note: "注：", example: "示例：",
    table: "表题", annex: "（资料性）附录标题", col: "列"
  };
  var make = {
    clause: function (before) { var n = nextNumber(before); return n.hashes + n.number + " " + L.clause; },
    term: function (before) { var n = nextNumber(before); return (n.hashes || "### ") + n.number + "\n\n**" + L.term + "**\n\n" + L.def; },
    note: function () { return L.note; },
    example: function () { return L.example; },
    table: function (before) {
      var n = count(before, /^表 ?\d+/gm) + 1;
      return "表 " + n + " " + L.table + "\n\n| " + L.col + " 1 | " + L.col + " 2 |\n| --- | --- |\n|  |  |";
    },
    annex: function (before) { return "## 附录 " + nextAnnex(before) + L.annex; }
  };
  document.querySelectorAll(".toolbar [data-insert]").forEach(function (b) {
    b.addEventListener("click", function () {
      var at = body.selectionStart, before = body.value.slice(0, at), after = body.value.slice(body.selectionEnd);
      var text = make[b.dataset.insert](before);
      var lead = before === "" || before.slice(-2) === "\n\n" ? "" : (before.slice(-1) === "\n" ? "\n" : "\n\n");
      body.setRangeText(lead + text + (after.charAt(0) === "\n" ? "" : "\n"), at, body.selectionEnd, "end");
      body.focus();
      body.dispatchEvent(new Event("input"));
    });
  });

  // Similar standards, on request.
  var similar = document.getElementById("similar-check");
  var list = document.getElementById("similar-list");
  if (similar && list) {
    similar.addEventListener("click", function () {
      var title = (document.querySelector("h1") || {}).textContent || "";
      post("/api/v1/similar", { title: title, body: body.value, exclude: similar.dataset.exclude }).then(function (v) {
        list.replaceChildren();
        var hits = (v && v.hits) || [];
        hits.forEach(function (h) {
          var li = document.createElement("li"), a = document.createElement("a");
          a.href = "/standards/" + encodeURIComponent(h.id);
          a.textContent = (h.number ? h.number + " " : "") + h.title;
          li.append(a, " (" + Math.round(h.score * 100) + "%)");
          list.append(li);
        });
        if (!hits.length) { var li = document.createElement("li"); li.textContent = list.dataset.none; list.append(li); }
      }).catch(function () {});
    });
  }

  // Unsaved changes: the browser asks before leaving.
  var submitting = false;
  // formdata fires for every submission of the form, by button or by script.
  if (form) { form.addEventListener("formdata", function () { submitting = true; }); }
  window.addEventListener("beforeunload", function (ev) {
    if (!submitting && !body.readOnly && body.value !== saved) { ev.preventDefault(); ev.returnValue = ""; }
  });
})();
