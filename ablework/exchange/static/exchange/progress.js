// Progressive enhancement of the batch page: follow the progress without reloading, and open
// the result when the work is done. Without this script the page has a plain refresh link.
(function () {
  "use strict";
  var section = document.getElementById("batch-progress");
  if (!section || !window.fetch) {
    return;
  }
  var url = section.getAttribute("data-progress-url");
  var bar = document.getElementById("progress-bar");
  var text = document.getElementById("progress-text");
  var lastAnnounced = -1;

  function update(data) {
    if (!data.running) {
      window.location.reload();
      return;
    }
    bar.value = data.percent;
    bar.textContent = data.percent + "%";
    // Announce every tenth of the way, not every poll, so screen readers are not flooded.
    var step = Math.floor(data.percent / 10);
    if (step !== lastAnnounced) {
      lastAnnounced = step;
      text.textContent = data.status_label + "：" + data.rows_done.toLocaleString() + " / " +
        data.rows_total.toLocaleString() + "（" + data.percent + "%）";
    }
    window.setTimeout(poll, 1500);
  }

  function poll() {
    window.fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data) { update(data); } })
      .catch(function () { window.setTimeout(poll, 5000); });
  }

  window.setTimeout(poll, 1000);
})();
