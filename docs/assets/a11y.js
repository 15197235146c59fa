// briefbook accessibility fix over Material's defaults (checked by axe-core in
// tests/browser/test_accessibility.py): Material's search dialog has no accessible name,
// so screen readers announce an unnamed "dialog" (axe rule aria-dialog-name).
document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach((dialog) => {
  dialog.setAttribute("aria-label", "Search the briefing book");
});
