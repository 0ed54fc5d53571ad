// Enhances the sighting picker on the cell note form. Without JavaScript, "Find
// sightings" posts the whole form and the server draws the page again with the
// results; here the same request is made in the background and only the picker is
// swapped, so the page keeps its place and the writer their cursor.
(function () {
  "use strict";

  var form = document.querySelector("form.note-form");
  var status = document.getElementById("picker-status");
  if (!form || !status || !window.fetch || !window.DOMParser) {
    return;
  }

  function swapPicker(html) {
    var fresh = new DOMParser().parseFromString(html, "text/html").querySelector(".sighting-picker");
    if (!fresh) {
      throw new Error("The response held no picker.");
    }
    var focused = document.activeElement && document.activeElement.id;
    form.querySelector(".sighting-picker").replaceWith(fresh);
    var found = fresh.querySelectorAll('input[id^="find-"]').length;
    status.textContent =
      found === 1 ? status.dataset.foundOne : status.dataset.foundMany.replace("{count}", found);
    // The old controls are gone; keep a keyboard user where they were.
    var again = focused && document.getElementById(focused);
    if (again) {
      again.focus();
    }
  }

  form.addEventListener("click", function (event) {
    var button = event.target.closest('button[name="action"][value="search"]');
    if (!button) {
      return;
    }
    event.preventDefault();
    var data = new FormData(form);
    data.set("action", "search");
    status.textContent = status.dataset.searching;
    fetch(window.location.pathname, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("Search failed: " + response.status);
        }
        return response.text();
      })
      .then(swapPicker)
      .catch(function () {
        // Fall back to the ordinary round trip, which always works.
        status.textContent = "";
        form.requestSubmit(button);
      });
  });
})();
