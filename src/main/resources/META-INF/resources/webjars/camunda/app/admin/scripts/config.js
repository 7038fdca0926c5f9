/*
 * LEXOM - Admin configuration (the webapps' documented customisation: this file replaces Camunda's default
 * scripts/config.js, whose other options keep their defaults).
 */
export default {
  // LEXOM: French for French browsers (issue 22). The webapp picks its language from the browser
  // (navigator.languages[0], e.g. "fr-FR" -> "fr"): a language of availableLocales is used, any other gets
  // fallbackLocale. The French texts are in ../locales/fr.json (same keys as Camunda's en.json; a key missing
  // there is shown in English). English stays available to an English browser.
  locales: {
    availableLocales: ['fr', 'en'],
    fallbackLocale: 'en'
  },

  // header and browser tab title: "<vendor> <name>"
  app: {
    name: 'Administration des contrats de formation',
    vendor: 'LEXOM'
  }
};
