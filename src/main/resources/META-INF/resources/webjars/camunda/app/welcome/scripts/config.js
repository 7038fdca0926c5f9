/*
 * LEXOM - Welcome page configuration (the webapps' documented customisation: this file replaces Camunda's default
 * scripts/config.js, whose other options keep their defaults).
 */
export default {
  // header and browser tab title: "<vendor> <name>"
  app: {
    name: 'Contrats de formation',
    vendor: 'LEXOM'
  }
};
