"""The trap every hostile browser test sets before a page's own scripts run: any alert,
confirm, prompt or print, and any write to `window.__fdPwned` (the global every payload in
the corpus tries to set), is recorded in `window.__fdCalls`, which must stay empty."""

from __future__ import annotations

SENTINEL = """
window.__fdCalls = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (...args) => { window.__fdCalls.push(name + ":" + args.join(",")); };
}
Object.defineProperty(window, "__fdPwned", {
  configurable: false,
  get() { return undefined; },
  set(value) { window.__fdCalls.push("pwned:" + value); },
});
"""
