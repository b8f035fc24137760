// crosswire's page behaviour. Served from /static under a CSP without 'unsafe-inline':
// no inline handlers, and article-derived strings only ever go in through textContent.
"use strict";

(function () {
  function $(id) { return document.getElementById(id); }

  function setupSearch() {
    var input = $("story-search");
    var list = $("story-list");
    if (!input || !list) return;
    input.addEventListener("input", function () {
      var needle = input.value.trim().toLowerCase();
      var shown = 0;
      list.querySelectorAll("li").forEach(function (li) {
        var match = !needle || (li.dataset.title || "").indexOf(needle) !== -1;
        li.hidden = !match;
        if (match) shown += 1;
      });
      var none = $("no-match");
      if (none) none.hidden = shown !== 0;
    });
  }

  function link(href, text) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  function showResults(data) {
    var list = $("results-list");
    list.replaceChildren();
    (data.stories || []).forEach(function (d) {
      var li = document.createElement("li");
      li.dataset.articles = String((d.articles || []).length);
      li.appendChild(link("/stories/" + encodeURIComponent(d.story.id), d.story.title || d.story.id));
      var meta = document.createElement("span");
      meta.className = "meta";
      var n = (d.articles || []).length;
      meta.textContent = " " + n + (n === 1 ? " article" : " articles") + ", " +
        (d.claims || []).length + " claims, " + (d.discrepancies || []).length + " discrepancies";
      li.appendChild(meta);
      list.appendChild(li);
    });
    var rejected = data.rejected || [];
    var rlist = $("rejected-list");
    rlist.replaceChildren();
    rejected.forEach(function (r) {
      var li = document.createElement("li");
      li.textContent = r.source + ": " + r.error;
      rlist.appendChild(li);
    });
    $("rejected").hidden = rejected.length === 0;
    $("results").hidden = false;
  }

  function setupForm() {
    var form = $("analyse-form");
    if (!form || !window.fetch || !window.FormData) return;  // the form still posts without us
    var status = $("analyse-status");
    var button = $("analyse-button");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var data = new FormData(form);
      var hasText = ((data.get("text") || "") + "").trim() !== "";
      var hasFile = $("files").files.length > 0;
      if (!hasText && !hasFile) {
        status.textContent = "Choose files or paste an article first.";
        status.className = "status error";
        return;
      }
      status.textContent = "Analysing…";
      status.className = "status busy";
      button.disabled = true;
      fetch("/api/analyze", { method: "POST", body: data, credentials: "same-origin" })
        .then(function (response) {
          return response.json().catch(function () { return { error: "HTTP " + response.status }; })
            .then(function (body) { return { ok: response.ok, body: body }; });
        })
        .then(function (result) {
          if (!result.ok) throw new Error(result.body.error || "analysis failed");
          var n = (result.body.stories || []).length;
          status.textContent = "Done: " + n + (n === 1 ? " story." : " stories.");
          status.className = "status ok";
          showResults(result.body);
        })
        .catch(function (err) {
          status.textContent = "Error: " + err.message;
          status.className = "status error";
        })
        .finally(function () { button.disabled = false; });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupSearch();
    setupForm();
  });
})();
