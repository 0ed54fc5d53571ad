// Leave empty filters out of the address, so a shared or bookmarked link stays short.
// Without this script the form still works; the address just lists the empty fields.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!form.classList.contains("filter-form")) return;
  for (const field of form.elements) {
    if (field.name && field.value === "" && !field.disabled) field.disabled = true;
  }
});
