/*
 * LEXOM - Cockpit configuration (the webapps' documented customisation: this file replaces Camunda's default
 * scripts/config.js, whose other options keep their defaults).
 */
export default {
  // header and browser tab title: "<vendor> <name>"
  app: {
    name: 'Pilotage des contrats de formation',
    vendor: 'LEXOM'
  },

  // ES modules loaded by Cockpit at start-up, relative to the cockpit app folder (".js" is added).
  // lexom/manager-view.js is the managers' view (issue 11): its default export is a list of Cockpit plugins,
  // a page at #/lexom, its link in the header and a card on the dashboard, shown to managers and administrators.
  customScripts: ['lexom/manager-view']
};
