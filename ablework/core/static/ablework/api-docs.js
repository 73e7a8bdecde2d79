// Starts Swagger UI on the API documentation page (a file, not an inline script: the site's
// Content-Security-Policy allows scripts from the site only).
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  var csrfToken = root.getAttribute("data-csrf-token");

  // What Swagger UI leaves out for screen readers and keyboards: a name for each parameter's
  // drop-down, and keyboard focus for response bodies that scroll.
  function completeAccessibility() {
    root.querySelectorAll("tr[data-param-name] select:not([aria-label])").forEach(function (select) {
      select.setAttribute("aria-label", select.closest("tr").getAttribute("data-param-name"));
    });
    root.querySelectorAll(".highlight-code pre:not([tabindex])").forEach(function (block) {
      block.setAttribute("tabindex", "0");
    });
  }
  new MutationObserver(completeAccessibility).observe(root, { childList: true, subtree: true });

  window.SwaggerUIBundle({
    url: root.getAttribute("data-openapi-url"),
    domNode: root,
    // Deep links would put a link inside each operation's toggle button (nested controls).
    deepLinking: false,
    layout: "BaseLayout",
    presets: [window.SwaggerUIBundle.presets.apis],
    // Plain response bodies: the highlighter's colours are too faint to read.
    syntaxHighlight: false,
    // No request leaves the site: no online validator badge, no remote configuration.
    validatorUrl: null,
    queryConfigEnabled: false,
    // "Try it out" sends the session cookie; unsafe methods also need the CSRF token.
    requestInterceptor: function (request) {
      if (csrfToken && request.method && request.method.toUpperCase() !== "GET") {
        request.headers["X-CSRFToken"] = csrfToken;
      }
      return request;
    },
  });
})();
