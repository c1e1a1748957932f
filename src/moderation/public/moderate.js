// Keyboard navigation for lists marked data-keyboard-list: j / k move, Enter opens, / focuses the search.
// Served as a file: the Content-Security-Policy (default-src 'self') forbids inline scripts.
(function () {
  'use strict';
  var list = document.querySelector('[data-keyboard-list]');
  var items = list ? Array.prototype.slice.call(list.children) : [];
  var current = -1;
  function select(index) {
    if (items.length === 0) return;
    if (current >= 0 && items[current]) items[current].classList.remove('current');
    current = Math.max(0, Math.min(items.length - 1, index));
    items[current].classList.add('current');
    var link = items[current].querySelector('a');
    if (link) link.focus();
  }
  // After an action (POST → 303 → GET to its section), move focus to its confirmation so a keyboard or
  // screen-reader user hears what changed and continues from there (the Undo button is next to it).
  // After load: the browser's own jump to the #section resets focus, so this runs after it.
  var confirmation = document.querySelector('.confirm.filled');
  if (confirmation) {
    confirmation.setAttribute('tabindex', '-1');
    window.addEventListener('load', function () {
      setTimeout(function () { confirmation.focus({ preventScroll: true }); }, 0);
    });
  }
  document.addEventListener('keydown', function (event) {
    var target = event.target;
    var typing = target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT');
    if (typing || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'j') { select(current + 1); event.preventDefault(); }
    else if (event.key === 'k') { select(current - 1); event.preventDefault(); }
    else if (event.key === '/') {
      var search = document.getElementById('q');
      if (search) { search.focus(); event.preventDefault(); }
    }
  });
})();
