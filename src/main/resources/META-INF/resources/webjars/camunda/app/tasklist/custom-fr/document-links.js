/*
 * LEXOM - links to documents in task forms open in a new tab.
 *
 * Forms link to the contract's PDFs under /api (the quote, an invoice, a formal notice); form-js renders
 * Markdown links without a target, which would take the user away from the task. Loaded by Tasklist as an ES
 * module through `customScripts` in ../scripts/config.js; it exports nothing (a default export would be taken
 * for a plugin).
 */
function openInNewTab(root) {
  if (!root || !root.querySelectorAll) {
    return;
  }
  root.querySelectorAll('a[href^="/api/"]').forEach(function (link) {
    link.setAttribute('target', '_blank');
    link.setAttribute('rel', 'noopener');
  });
}

function start() {
  if (!document.body || typeof MutationObserver === 'undefined') {
    return;
  }
  openInNewTab(document.body);
  new MutationObserver(function (mutations) {
    mutations.forEach(function (mutation) {
      mutation.addedNodes.forEach(function (node) {
        if (node.nodeType === 1) {
          openInNewTab(node.parentNode || node);
        }
      });
    });
  }).observe(document.body, { childList: true, subtree: true });
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}
