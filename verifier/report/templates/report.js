(function () {
  "use strict";
  var table = document.getElementById("matrix");
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var tag = document.getElementById("filter-tag");
  var verdict = document.getElementById("filter-verdict");
  var article = document.getElementById("filter-article");
  var shown = document.getElementById("shown");
  var body = document.getElementById("detail-body");
  var pressed = null;

  function visibleStates(row) {
    var states = [];
    Array.prototype.forEach.call(row.querySelectorAll("td[data-col]"), function (td) {
      if (!td.hidden) { states.push(td.getAttribute("data-state")); }
    });
    return states;
  }

  function apply() {
    var col = article.value, wantTag = tag.value, wantState = verdict.value, count = 0;
    Array.prototype.forEach.call(table.querySelectorAll("[data-col]"), function (el) {
      el.hidden = col !== "" && el.getAttribute("data-col") !== col;
    });
    rows.forEach(function (row) {
      var ok = wantTag === "" || row.getAttribute("data-tags").indexOf(" " + wantTag + " ") >= 0;
      if (ok && wantState !== "") { ok = visibleStates(row).indexOf(wantState) >= 0; }
      row.hidden = !ok;
      if (ok) { count += 1; }
    });
    shown.textContent = count + " of " + rows.length + " claims shown";
  }

  function silent(button) {
    var p = document.createElement("p");
    p.textContent = button.getAttribute("aria-label") +
      ": the article says nothing the verifier can judge about this claim.";
    return p;
  }

  function show(button) {
    var id = button.getAttribute("data-detail");
    var template = id ? document.getElementById(id) : null;
    body.textContent = "";
    body.appendChild(template ? template.content.cloneNode(true) : silent(button));
    if (pressed) { pressed.removeAttribute("aria-pressed"); }
    button.setAttribute("aria-pressed", "true");
    pressed = button;
  }

  table.addEventListener("click", function (event) {
    var button = event.target.closest("td.cell button");
    if (button) { show(button); }
  });
  [tag, verdict, article].forEach(function (select) { select.addEventListener("change", apply); });
  apply();
}());
