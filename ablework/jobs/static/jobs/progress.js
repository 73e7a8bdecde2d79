// Progressive enhancement of a page showing a job's progress: follow it without reloading, and
// reload the page once the job has stopped, so its result shows. Without this script the page
// has a plain refresh link.
(function () {
  "use strict";
  var section = document.getElementById("job-progress");
  if (!section || !window.fetch) {
    return;
  }
  var url = section.getAttribute("data-progress-url");
  var bar = document.getElementById("job-progress-bar");
  var text = document.getElementById("job-progress-text");
  var timeLeft = document.getElementById("job-time-left");
  var lastAnnounced = null;

  function update(data) {
    if (!data.running) {
      window.location.reload();
      return;
    }
    if (data.percent === null) {
      bar.removeAttribute("value");
    } else {
      bar.value = data.percent;
      bar.textContent = data.percent + "%";
    }
    // Announce every tenth of the way, not every poll, so screen readers are not flooded.
    var step = data.percent === null ? data.text : Math.floor(data.percent / 10);
    if (step !== lastAnnounced) {
      lastAnnounced = step;
      text.textContent = data.text;
      timeLeft.textContent = data.time_left;
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
