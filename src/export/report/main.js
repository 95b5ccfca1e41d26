// The diagram's fit-to-width toggle; marks the page ready when it has run.
(function () {
  var diagram = document.getElementById("diagram-box");
  var button = document.getElementById("fit-toggle");
  if (diagram && button) {
    button.addEventListener("click", function () {
      var fit = diagram.classList.toggle("fit");
      button.textContent = fit ? "Actual size" : "Fit to width";
    });
  }
  document.documentElement.setAttribute("data-report-ready", "yes");
})();
