// argmap: progressive enhancement only; every page works without this file.
(function () {
  "use strict";

  function openAncestors(el) {
    for (let p = el; p; p = p.parentElement) {
      if (p.tagName === "DETAILS") p.open = true;
    }
  }

  function treeTools() {
    const tools = document.querySelector(".tree-tools");
    if (!tools) return;
    tools.hidden = false;
    tools.addEventListener("click", (ev) => {
      const what = ev.target.getAttribute("data-tree");
      if (!what) return;
      document.querySelectorAll(".tree details").forEach((d) => { d.open = what === "expand"; });
    });
  }

  function followHash() {
    if (!location.hash) return;
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!target) return;
    openAncestors(target);
    const node = target.getAttribute("data-node");
    if (node) {  // article view: mark every piece of the span
      document.querySelectorAll("a.span.current").forEach((a) => a.classList.remove("current"));
      document.querySelectorAll("a.span").forEach((a) => {
        if ((a.getAttribute("data-nodes") || "").split(" ").includes(node)) a.classList.add("current");
      });
    }
    target.scrollIntoView({ block: "center" });
  }

  function queryPicker() {
    const pick = document.getElementById("pick");
    const texts = document.getElementById("query-texts");
    if (!pick || !texts) return;
    const queries = JSON.parse(texts.textContent);
    pick.closest("label").hidden = false;
    pick.addEventListener("change", () => {
      const q = queries.find((x) => x.name === pick.value);
      if (q) document.getElementById("query").value = q.sparql;
    });
  }

  function copyButtons() {
    document.querySelectorAll("button[data-copy]").forEach((b) => {
      b.hidden = false;
      b.addEventListener("click", () => {
        const text = document.getElementById(b.getAttribute("data-copy")).textContent;
        const done = () => { b.textContent = "Copied"; setTimeout(() => { b.textContent = "Copy"; }, 1500); };
        if (navigator.clipboard) navigator.clipboard.writeText(text).then(done, () => {});
      });
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    treeTools(); queryPicker(); copyButtons(); followHash();
  });
  window.addEventListener("hashchange", followHash);
})();
