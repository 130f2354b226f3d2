// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to the main landmark after a skip-link jump in browsers that do not.
  const skip = document.querySelector(".skip-link");
  const main = document.getElementById("main");
  if (skip && main) {
    skip.addEventListener("click", () => main.focus());
  }

  // Service map: beside the results (wide screens) the filters stand open; on a phone
  // they stay folded so that the results come first.
  const panel = document.getElementById("filter-panel");
  if (panel && window.matchMedia("(min-width: 48rem)").matches) {
    panel.open = true;
  }
});

// After htmx replaced the results from a pagination link, focus stays on the results:
// the result count receives it and is brought into view.
document.addEventListener("htmx:afterSettle", (event) => {
  const trigger = event.detail && event.detail.requestConfig && event.detail.requestConfig.elt;
  const selector = trigger && trigger.getAttribute && trigger.getAttribute("data-keep-focus");
  if (!selector) {
    return;
  }
  const target = document.querySelector(selector);
  if (target) {
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "start" });
  }
});
