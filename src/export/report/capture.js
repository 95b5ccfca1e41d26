// Records script errors and console errors on the page itself, so that a
// reader (and the report's test in headless Chromium) can see them.
(function () {
  var errors = [];
  function show() {
    var box = document.getElementById("console-errors");
    if (box) { box.textContent = errors.join("\n"); box.hidden = errors.length === 0; }
  }
  window.addEventListener("error", function (e) { errors.push("error: " + e.message); show(); });
  window.addEventListener("unhandledrejection", function (e) { errors.push("unhandled rejection: " + e.reason); show(); });
  var original = console.error;
  console.error = function () {
    errors.push("console.error: " + Array.prototype.join.call(arguments, " "));
    show();
    return original.apply(console, arguments);
  };
  document.addEventListener("DOMContentLoaded", show);
})();
