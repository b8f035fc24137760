// crosswire's page behaviour. Served from /static under a CSP without 'unsafe-inline':
// no inline handlers, and article-derived strings only ever go in through textContent.
"use strict";

(function () {
  function $(id) { return document.getElementById(id); }

  function words(text) {
    return text.trim().toLowerCase().split(/\s+/).filter(function (w) { return w !== ""; });
  }

  function filterStories(needles) {
    var list = $("story-list");
    if (!list) return;
    var shown = 0;
    list.querySelectorAll("li").forEach(function (li) {
      var title = li.dataset.title || "";
      // Every word, in any order: "earthquake qeshm" finds "Qeshm earthquake".
      var match = needles.every(function (w) { return title.indexOf(w) !== -1; });
      li.hidden = !match;
      if (match) shown += 1;
    });
    var none = $("no-match");
    if (none) none.hidden = shown !== 0 || list.children.length === 0;
  }

  function showHits(data) {
    var list = $("search-list");
    list.replaceChildren();
    (data.hits || []).forEach(function (hit) {
      var li = document.createElement("li");
      li.dataset.kind = hit.kind;
      var kind = document.createElement("span");
      kind.className = "hit-kind";
      kind.textContent = hit.kind;
      li.appendChild(kind);
      var name = hit.story_title || hit.story_id || hit.id;
      if (hit.story_id) li.appendChild(link("/stories/" + encodeURIComponent(hit.story_id), name));
      else li.appendChild(document.createTextNode(name));
      var text = document.createElement("span");
      text.className = "hit-text";
      text.textContent = hit.text;
      li.appendChild(text);
      list.appendChild(li);
    });
    $("search-none").hidden = (data.hits || []).length !== 0;
    $("search-results").hidden = false;
  }

  function setupSearch() {
    var input = $("story-search");
    if (!input) return;
    var timer = null;
    var asked = 0;
    input.addEventListener("input", function () {
      var needles = words(input.value);
      filterStories(needles);
      if (timer) clearTimeout(timer);
      if (needles.length === 0) { $("search-results").hidden = true; return; }
      timer = setTimeout(function () {
        var mine = ++asked;
        fetch("/api/search?q=" + encodeURIComponent(input.value) + "&limit=20", { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.json() : { hits: [] }; })
          .then(function (data) { if (mine === asked) showHits(data); })
          .catch(function () {});
      }, 200);
    });
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function snapshot() {
    // Which stories and articles the store holds now, to tell after an upload what was new.
    return fetch("/api/stories", { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : { stories: [] }; })
      .catch(function () { return { stories: [] }; });
  }

  function refreshStories(listing) {
    var list = $("story-list");
    if (!list) return;
    list.replaceChildren();
    (listing.stories || []).forEach(function (s) {
      var li = document.createElement("li");
      li.dataset.id = s.id;
      li.dataset.title = (s.title || "untitled story").toLowerCase();
      li.dataset.articles = String(s.articles.length);
      li.appendChild(link("/stories/" + encodeURIComponent(s.id), s.title || "Untitled story"));
      var meta = document.createElement("span");
      meta.className = "meta";
      var dates = s.first_published ? " · " + s.first_published +
        (s.last_published && s.last_published !== s.first_published ? " – " + s.last_published : "") : "";
      meta.textContent = " " + plural(s.articles.length, "article") + dates;
      li.appendChild(meta);
      list.appendChild(li);
    });
    $("no-story").hidden = list.children.length !== 0;
    filterStories(words(($("story-search") || { value: "" }).value));
  }

  function outcome(before, dossier) {
    // new: a story the store did not hold; joined: a held story with articles it did not hold;
    // duplicate: nothing the store did not already hold.
    var old = null;
    var known = {};
    (before.stories || []).forEach(function (s) {
      if (s.id === dossier.story.id) old = s;
      s.articles.forEach(function (a) { known[a] = true; });
    });
    var fresh = (dossier.articles || []).filter(function (a) { return !known[a.id]; }).length;
    if (!old && fresh) return "new story";
    if (fresh) return "joined an existing story (" + plural(fresh, "new article") + ")";
    return "duplicate: already in the store";
  }

  function link(href, text) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  function showResults(data, before) {
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
      var verdict = document.createElement("span");
      verdict.className = "outcome";
      verdict.textContent = " — " + outcome(before, d);
      li.dataset.outcome = verdict.textContent.slice(3);
      li.appendChild(verdict);
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
      var before = null;
      snapshot()
        .then(function (listing) {
          before = listing;
          return fetch("/api/analyze", { method: "POST", body: data, credentials: "same-origin" });
        })
        .then(function (response) {
          return response.json().catch(function () { return { error: "HTTP " + response.status }; })
            .then(function (body) { return { ok: response.ok, body: body }; });
        })
        .then(function (result) {
          if (!result.ok) throw new Error(result.body.error || "analysis failed");
          var n = (result.body.stories || []).length;
          status.textContent = "Done: " + plural(n, "story") + ".";
          status.className = "status ok";  // replaces any error a former try left
          showResults(result.body, before);
          return snapshot().then(refreshStories);
        })
        .catch(function (err) {
          status.textContent = "Error: " + err.message;
          status.className = "status error";
        })
        .finally(function () { button.disabled = false; });
    });
  }

  function send(method, url, body) {
    var options = { method: method, credentials: "same-origin", headers: {} };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(url, options).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) throw new Error(data.error || "HTTP " + response.status);
        return data;
      });
    });
  }

  function setupCorrections() {
    var panel = $("corrections");
    if (!panel || !window.fetch) return;
    var story = panel.dataset.story;
    var base = "/api/stories/" + encodeURIComponent(story);
    var status = $("correct-status");
    function run(promise, then) {
      status.textContent = "Working…";
      status.className = "status busy";
      promise.then(then).catch(function (err) {
        status.textContent = "Error: " + err.message;
        status.className = "status error";
      });
    }
    function go(id) { window.location.assign(id ? "/stories/" + encodeURIComponent(id) : "/"); }
    $("rename-form").addEventListener("submit", function (event) {
      event.preventDefault();
      run(send("PATCH", base, { title: $("rename-title").value }), function () { go(story); });
    });
    var merge = $("merge-form");
    if (merge) merge.addEventListener("submit", function (event) {
      event.preventDefault();
      run(send("POST", base + "/merge", { stories: [$("merge-with").value] }), function () { go(story); });
    });
    $("split-button").addEventListener("click", function () {
      var ids = [];
      panel.querySelectorAll("input[name=split]:checked").forEach(function (box) { ids.push(box.value); });
      if (!ids.length) { status.textContent = "Tick the articles to split out first."; status.className = "status error"; return; }
      run(send("POST", base + "/split", { articles: ids, title: $("split-title").value || null }),
          function (dossier) { go(dossier.story.id); });
    });
    panel.querySelectorAll("tr[data-article]").forEach(function (row) {
      var url = "/api/articles/" + encodeURIComponent(row.dataset.article);
      row.querySelector(".save-article").addEventListener("click", function () {
        run(send("PATCH", url, { outlet: row.querySelector(".set-outlet").value,
                                 published: row.querySelector(".set-published").value }),
            function () { go(story); });
      });
      row.querySelector(".delete-article").addEventListener("click", function () {
        run(send("DELETE", url), function (data) { go(data.dossier ? story : null); });
      });
    });
    $("delete-story").addEventListener("click", function () {
      run(send("DELETE", base), function () { go(null); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupSearch();
    setupForm();
    setupCorrections();
  });
})();
