// After a failed submit the error summary takes focus, so screen readers read it first and the
// next Tab reaches its first link; a link moves focus onto the field (or a group's first box).
(function () {
  "use strict";
  function start() {
    var summary = document.getElementById("error-summary");
    if (!summary) { return; }
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) { return; }
      var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (!target) { return; }
      if (!target.matches("input, select, textarea, button")) {
        target = target.querySelector("input, select, textarea, button") || target;
      }
      event.preventDefault();
      target.focus();
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
