/*
 * LEXOM - French texts for Camunda Forms (form-js) in Tasklist.
 *
 * Loaded by Tasklist through `customScripts: ['custom-fr/form-validation-fr']`
 * in ../scripts/config.js. Camunda 7.24 loads custom scripts with a dynamic
 * `import()`, so this file is an ES module. It exports nothing on purpose:
 * Tasklist treats a module's default export as a plugin definition.
 *
 * The Tasklist screens themselves are translated by ../locales/fr.json. The
 * Camunda Forms rendered in the task form area come from form-js, whose
 * messages are hard-coded in English (no locale files), so this script
 * translates them in place as they appear, with a MutationObserver:
 *  - validation messages (exact strings of form-js in lib/deps.js):
 *      "Field is required."                         -> "Ce champ est obligatoire."
 *      "Field must have minimum value of X."        -> "La valeur minimale est X."
 *      "Field must have maximum value of X."        -> "La valeur maximale est X."
 *      "Field must have minimum length of X."       -> "X caractères minimum."
 *      "Field must have maximum length of X."       -> "X caractères maximum."
 *      "Field must match pattern <regex>."          -> "Format invalide."
 *      "Field must be a valid email."               -> "Adresse e-mail invalide."
 *      "Field must be a valid  international phone number. (e.g. +4930664040900)"
 *                                                   -> "Numéro de téléphone international invalide (ex. : +33612345678)."
 *      "Date and time must both be entered."        -> "Saisissez la date et l’heure."
 *  - texts of the dropdowns and tables of form-js ("Select", "Search",
 *    "No results", ...),
 *  - the placeholder of the date fields (e.g. "dd/mm/yyyy" -> "jj/mm/aaaa"),
 *  - the calendar of the date picker (flatpickr: months, week days), through
 *    flatpickr's own localize() API,
 *  - the month and day names of Tasklist's own date picker (due date,
 *    follow-up date), through AngularJS' $locale.
 *
 * Written defensively: every step checks what it needs and never throws.
 */

var FR_ATTR = 'data-lexom-fr';

function frNumber(value) {
  // "1000.5" -> "1000,5" (French decimal comma); anything else unchanged
  return /^-?\d+(\.\d+)?$/.test(value) ? value.replace('.', ',') : value;
}

function characters(count) {
  return count + (Number(count) > 1 ? ' caractères' : ' caractère');
}

function frDatePattern(pattern) {
  // yyyy-MM-dd -> AAAA-MM-JJ, hh:mm:ss -> hh:mm:ss
  return pattern
    .replace(/y/g, 'A')
    .replace(/d/g, 'J')
    .replace(/\[time zone\]/g, ' [fuseau horaire]')
    .replace(/\.$/, '');
}

// [English text (whole text of the node, trimmed), French text or function]
var RULES = [
  // validation messages of form-js (lib/deps.js, function validating a field)
  [/^Field is required\.$/, 'Ce champ est obligatoire.'],
  [/^Field must have minimum value of ([\s\S]+)\.$/, function (m) {
    return 'La valeur minimale est ' + frNumber(m[1]) + '.';
  }],
  [/^Field must have maximum value of ([\s\S]+)\.$/, function (m) {
    return 'La valeur maximale est ' + frNumber(m[1]) + '.';
  }],
  [/^Field must have minimum length of (\d+)\.$/, function (m) {
    return characters(m[1]) + ' minimum.';
  }],
  [/^Field must have maximum length of (\d+)\.$/, function (m) {
    return characters(m[1]) + ' maximum.';
  }],
  // the pattern is a regular expression: never shown to staff
  [/^Field must match pattern [\s\S]*$/, 'Format invalide.'],
  [/^Field must be a valid email\.$/, 'Adresse e-mail invalide.'],
  [/^Field must be a valid\s+international phone number\.[\s\S]*$/,
    'Numéro de téléphone international invalide (ex.\u00a0: +33612345678).'],
  [/^Date and time must both be entered\.$/, 'Saisissez la date et l’heure.'],
  // date / time messages of the FEEL helpers (not used by Tasklist forms
  // today; translated in case a later form-js version shows them)
  [/^Date must match pattern ([\s\S]+)$/, function (m) {
    return 'Date invalide (format attendu\u00a0: ' + frDatePattern(m[1]) + ').';
  }],
  [/^Date and time must match pattern ([\s\S]+)$/, function (m) {
    return 'Date et heure invalides (format attendu\u00a0: ' + frDatePattern(m[1]) + ').';
  }],
  [/^Time must match pattern ([\s\S]+)$/, function (m) {
    return 'Heure invalide (format attendu\u00a0: ' + frDatePattern(m[1]) + ').';
  }],
  // other visible texts of form-js
  [/^No results$/, 'Aucun résultat'],
  [/^All values selected$/, 'Toutes les valeurs sont sélectionnées'],
  [/^Nothing to show\.$/, 'Rien à afficher.'],
  [/^No content to show\.$/, 'Aucun contenu à afficher.'],
  [/^External content couldn't be loaded\.$/, 'Le contenu externe n’a pas pu être chargé.'],
  [/^Previous page$/, 'Page précédente'],
  [/^Next page$/, 'Page suivante']
];

// same idea for attributes read by staff or screen readers
var ATTRIBUTE_RULES = [
  [/^Remove tag$/, 'Retirer'],
  [/^Clear content$/, 'Effacer'],
  [/^Remove (.+)$/, function (m) { return 'Retirer ' + m[1]; }],
  [/^Previous page$/, 'Page précédente'],
  [/^Next page$/, 'Page suivante'],
  [/^Click to sort by (.+) ascending$/, function (m) { return 'Trier par ' + m[1] + ' (croissant)'; }],
  [/^Click to sort by (.+) descending$/, function (m) { return 'Trier par ' + m[1] + ' (décroissant)'; }],
  [/^Click to remove sorting$/, 'Retirer le tri']
];

function translate(text, rules) {
  if (typeof text !== 'string') {
    return null;
  }
  var trimmed = text.trim();
  if (!trimmed) {
    return null;
  }
  for (var i = 0; i < rules.length; i++) {
    var match = rules[i][0].exec(trimmed);
    if (match) {
      var fr = rules[i][1];
      fr = typeof fr === 'function' ? fr(match) : fr;
      return fr === trimmed ? null : text.replace(trimmed, function () { return fr; });
    }
  }
  return null;
}

// form-js renders into an element with the class "fjs-container"
function insideForm(node) {
  var element = node && (node.nodeType === 1 ? node : node.parentNode);
  return !!(element && element.closest && element.closest('.fjs-container'));
}

function translateTextNode(node) {
  try {
    var fr = translate(node.data, RULES);
    if (fr === null && node.data === 'Select') {
      // empty single-choice dropdown: "Select" is form-js' placeholder text
      var parent = node.parentNode;
      if (parent && parent.classList && parent.classList.contains('fjs-select-display')) {
        fr = 'Sélectionner…';
      }
    }
    if (fr !== null) {
      node.data = fr;
    }
  } catch (e) { /* never break the form */ }
}

function frPlaceholder(value) {
  // date fields: form-js shows the browser's date format in lower case,
  // e.g. "dd/mm/yyyy" (fr) or "mm/dd/yyyy" (en-US) -> "jj/mm/aaaa", "mm/jj/aaaa"
  if (/^[dmy]+([^dmy]+[dmy]+)+$/.test(value) && /d/.test(value) && /y/.test(value)) {
    return value.replace(/d/g, 'j').replace(/y/g, 'a');
  }
  if (value === 'Search') {
    // search box of the searchable dropdowns and tag lists
    return 'Rechercher';
  }
  return null;
}

function translateAttributes(element) {
  try {
    if (element.matches && element.matches('input[placeholder]')) {
      var placeholder = element.getAttribute('placeholder');
      var frPh = placeholder && frPlaceholder(placeholder);
      if (frPh && frPh !== placeholder) {
        element.setAttribute('placeholder', frPh);
      }
    }
    ['aria-label', 'title'].forEach(function (name) {
      var value = element.getAttribute && element.getAttribute(name);
      var fr = value && translate(value, ATTRIBUTE_RULES);
      if (fr !== null && fr !== undefined && fr !== value) {
        element.setAttribute(name, fr);
      }
    });
  } catch (e) { /* never break the form */ }
}

function translateTree(root) {
  if (!root) {
    return;
  }
  if (root.nodeType === 3) {
    if (insideForm(root)) {
      translateTextNode(root);
    }
    return;
  }
  if (root.nodeType !== 1 && root.nodeType !== 9 && root.nodeType !== 11) {
    return;
  }
  // only the parts of the page rendered by form-js
  var containers = [];
  if (root.nodeType === 1 && insideForm(root)) {
    containers.push(root);
  } else if (root.querySelectorAll) {
    containers = Array.prototype.slice.call(root.querySelectorAll('.fjs-container'));
  }
  containers.forEach(function (container) {
    try {
      var walker = document.createTreeWalker(container, 4 /* NodeFilter.SHOW_TEXT */, null, false);
      var textNode;
      while ((textNode = walker.nextNode())) {
        translateTextNode(textNode);
      }
      translateAttributes(container);
      Array.prototype.forEach.call(
        container.querySelectorAll('[placeholder], [aria-label], [title]'),
        translateAttributes
      );
    } catch (e) { /* never break the form */ }
  });
}

// ---- flatpickr (the date picker used by form-js) --------------------------

var FLATPICKR_FR = {
  weekdays: {
    shorthand: ['dim', 'lun', 'mar', 'mer', 'jeu', 'ven', 'sam'],
    longhand: ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi']
  },
  months: {
    shorthand: ['janv', 'févr', 'mars', 'avr', 'mai', 'juin', 'juil', 'août', 'sept', 'oct', 'nov', 'déc'],
    longhand: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août',
      'septembre', 'octobre', 'novembre', 'décembre']
  },
  firstDayOfWeek: 1,
  ordinal: function (nth) { return nth > 1 ? '' : 'er'; },
  rangeSeparator: ' au ',
  weekAbbreviation: 'Sem',
  scrollTitle: 'Faire défiler pour modifier la valeur',
  toggleTitle: 'Cliquer pour basculer',
  yearAriaLabel: 'Année',
  monthAriaLabel: 'Mois',
  hourAriaLabel: 'Heure',
  minuteAriaLabel: 'Minute',
  time_24hr: true
};

var flatpickrDone = false;

function localizeFlatpickr() {
  if (flatpickrDone) {
    return;
  }
  try {
    var fp = window.flatpickr;
    if (fp && typeof fp.localize === 'function') {
      fp.localize(FLATPICKR_FR);
      flatpickrDone = true;
    }
  } catch (e) { /* keep the English calendar */ }
}

// ---- AngularJS date picker of Tasklist (due date, follow-up date) ----------
// Tasklist's own date picker (angular-ui-bootstrap) takes month and day names
// from AngularJS' $locale, which is the built-in English one; fr.json cannot
// reach it. Its names are replaced in place once Tasklist has started.

var angularDone = false;

function localizeAngular() {
  if (angularDone) {
    return;
  }
  try {
    var ng = window.angular;
    if (!ng || !ng.element) {
      return;
    }
    var injector = ng.element(document).injector() || ng.element(document.body).injector();
    if (!injector || !injector.has('$locale')) {
      return;
    }
    var formats = injector.get('$locale').DATETIME_FORMATS;
    if (!formats) {
      return;
    }
    var months = FLATPICKR_FR.months.longhand;
    formats.MONTH = months.slice();
    formats.STANDALONEMONTH = months.slice();
    formats.SHORTMONTH = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août',
      'sept.', 'oct.', 'nov.', 'déc.'];
    formats.DAY = FLATPICKR_FR.weekdays.longhand.slice();
    formats.SHORTDAY = ['dim.', 'lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.'];
    formats.FIRSTDAYOFWEEK = 0; // AngularJS counts from Monday: 0 = Monday
    angularDone = true;
  } catch (e) { /* keep the English date picker */ }
}

// ---- start -----------------------------------------------------------------

function onMutations(mutations) {
  localizeFlatpickr();
  localizeAngular();
  for (var i = 0; i < mutations.length; i++) {
    var mutation = mutations[i];
    try {
      if (mutation.type === 'characterData') {
        if (insideForm(mutation.target)) {
          translateTextNode(mutation.target);
        }
      } else if (mutation.type === 'attributes') {
        if (insideForm(mutation.target)) {
          translateAttributes(mutation.target);
        }
      } else {
        for (var j = 0; j < mutation.addedNodes.length; j++) {
          translateTree(mutation.addedNodes[j]);
        }
      }
    } catch (e) { /* never break the page */ }
  }
}

function start() {
  try {
    if (document.documentElement) {
      // the page is French now (screen readers, browser translation offers)
      document.documentElement.setAttribute('lang', 'fr');
    }
    localizeFlatpickr();
    localizeAngular();
    if (!document.body || typeof MutationObserver === 'undefined') {
      return;
    }
    if (document.body.hasAttribute(FR_ATTR)) {
      return; // already started
    }
    document.body.setAttribute(FR_ATTR, 'on');
    translateTree(document.body);
    new MutationObserver(onMutations).observe(document.body, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['placeholder', 'aria-label', 'title']
    });
  } catch (e) {
    if (window.console) {
      window.console.warn('LEXOM form-validation-fr not started', e);
    }
  }
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}
