// Themes are typed as one comma-separated list, but a <datalist> only suggests whole
// values. This keeps what is already typed and offers each known theme for the part
// after the last comma, so suggestions work for the second theme and beyond.
(function () {
  "use strict";

  function enhance(input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list) {
      return;
    }
    var themes = Array.prototype.map.call(list.options, function (option) {
      return option.value;
    });

    input.addEventListener("input", function () {
      var value = input.value;
      var cut = value.lastIndexOf(",");
      var typed = value.slice(0, cut + 1);
      var prefix = cut >= 0 ? typed + " " : "";
      var current = value.slice(cut + 1).trim().toLowerCase();
      var chosen = typed.toLowerCase().split(",").map(function (part) {
        return part.trim();
      });
      var fragment = document.createDocumentFragment();
      themes.forEach(function (theme) {
        if (chosen.indexOf(theme) === -1 && theme.indexOf(current) === 0) {
          var option = document.createElement("option");
          option.value = prefix + theme;
          fragment.appendChild(option);
        }
      });
      list.replaceChildren(fragment);
    });
  }

  document.querySelectorAll("input[data-theme-suggestions]").forEach(enhance);
})();
