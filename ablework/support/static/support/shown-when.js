// Progressive disclosure of a group of fields that only matters for one choice of a radio group
// (the assessment's accommodations of a task demand, shown when "借助便利条件能胜任" is chosen).
// A box `<div data-shown-when-name="ability_x" data-shown-when-value="with">` is hidden, and its
// fields disabled (so they take no Tab stop and send nothing), while another choice is made; it
// appears, right after the radio group, once the choice is made. Without this script every box
// shows and the server refuses accommodations chosen for another ability, on the field.
(function () {
  "use strict";
  function start() {
    var boxes = document.querySelectorAll("[data-shown-when-name]");
    Array.prototype.forEach.call(boxes, function (box) {
      var form = box.closest("form");
      if (!form) { return; }
      var value = box.getAttribute("data-shown-when-value");
      var radios = Array.prototype.filter.call(
        form.querySelectorAll("input[type=radio]"),
        function (radio) { return radio.name === box.getAttribute("data-shown-when-name"); }
      );
      // a box the server found a problem in stays in view until its choice changes
      var keep = box.querySelector(".field-error") !== null;
      function update() {
        var chosen = radios.filter(function (radio) { return radio.checked; })[0];
        var shown = keep || (chosen !== undefined && chosen.value === value);
        box.hidden = !shown;
        Array.prototype.forEach.call(
          box.querySelectorAll("input, select, textarea"),
          function (field) { field.disabled = !shown; }
        );
      }
      radios.forEach(function (radio) {
        if (radio.value === value && box.id) { radio.setAttribute("aria-controls", box.id); }
        radio.addEventListener("change", function () { keep = false; update(); });
      });
      update();
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
