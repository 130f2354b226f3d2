// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to the main landmark after a skip-link jump in browsers that do not.
  const skip = document.querySelector(".skip-link");
  const main = document.getElementById("main");
  if (skip && main) {
    skip.addEventListener("click", () => main.focus());
  }
});
