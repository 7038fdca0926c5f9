/*
 * LEXOM - the managers' view in Cockpit (issue 11), a Cockpit front-end plugin (Camunda 7.14+ plugin API).
 *
 * Loaded by Cockpit as an ES module through `customScripts` in ../scripts/config.js; its default export is the
 * list of plugins: a page (cockpit.route, #/lexom), its link in the header (cockpit.navigation) and a card on
 * the dashboard (cockpit.dashboard). The data comes from the app's API (/api/manager/...), read with the
 * manager's Cockpit session (GET only); the API refuses anyone outside `managers` and the administrators, and
 * the link and the card are shown only to those it answers.
 *
 * Plain DOM, no build step: every value is put in the page as text (textContent), never as HTML.
 */

const API = '/api/manager';
const PAGE = '#/lexom';

// ---- small helpers ------------------------------------------------------------------------------------------

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([key, value]) => {
    if (value === undefined || value === null || value === false) {
      return;
    }
    if (key === 'onclick' || key === 'onsubmit') {
      node.addEventListener(key.substring(2), value);
    } else {
      node.setAttribute(key, value === true ? '' : String(value));
    }
  });
  children.flat().forEach((child) => {
    if (child === undefined || child === null || child === false) {
      return;
    }
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  });
  return node;
}

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

function money(value) {
  return value === undefined || value === null ? '' : euros.format(Number(value));
}

function day(value) {
  if (!value) {
    return '';
  }
  const [y, m, d] = String(value).substring(0, 10).split('-');
  return d + '/' + m + '/' + y;
}

function moment(value) {
  if (!value) {
    return '';
  }
  const date = new Date(value);
  return isNaN(date) ? String(value) : date.toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'short' });
}

function getJson(path) {
  return fetch(API + path, { credentials: 'same-origin', headers: { Accept: 'application/json' } }).then((response) => {
    if (response.status === 403 || response.status === 401) {
      throw new Error('Réservé à la direction (groupe « managers ») et aux administrateurs.');
    }
    if (response.status === 404) {
      throw new Error('Contrat introuvable.');
    }
    if (!response.ok) {
      throw new Error('Le serveur a répondu ' + response.status + '.');
    }
    return response.json();
  });
}

function table(className, headers, rows) {
  return el('table', { class: 'table table-condensed table-striped lexom-table ' + (className || '') },
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', h.numeric ? { class: 'text-right' } : {}, h.label || h)))),
    el('tbody', {}, rows.length ? rows : el('tr', {}, el('td', { colspan: headers.length, class: 'lexom-empty' }, 'Aucun.'))));
}

function cell(value, numeric) {
  return el('td', numeric ? { class: 'text-right' } : {}, value);
}

function show(target, ...content) {
  target.replaceChildren(...content.flat());
}

function failure(error) {
  return el('div', { class: 'alert alert-warning lexom-error' }, error.message || String(error));
}

// ---- the page ---------------------------------------------------------------------------------------------

function renderPage(node) {
  const body = el('div', { class: 'lexom-body' });
  const tabs = [
    { id: 'stages', label: 'Contrats par étape', view: stagesView },
    { id: 'receivables', label: 'Créances', view: receivablesView },
    { id: 'evaluations', label: 'Évaluations', view: evaluationsView },
    { id: 'bpf', label: 'Bilan pédagogique et financier', view: bpfView },
    { id: 'story', label: "Histoire d'un contrat", view: storyView }
  ];
  const nav = el('ul', { class: 'nav nav-tabs lexom-tabs' });
  function open(id, argument) {
    nav.querySelectorAll('li').forEach((li) => li.classList.toggle('active', li.dataset.tab === id));
    show(body, tabs.find((t) => t.id === id).view(open, argument));
  }
  tabs.forEach((t) => {
    const link = el('a', { href: '', onclick: (event) => { event.preventDefault(); open(t.id); } }, t.label);
    const li = el('li', {}, link);
    li.dataset.tab = t.id;
    nav.appendChild(li);
  });
  show(node, el('section', { class: 'lexom-manager-view container-fluid' },
    el('h1', {}, 'Vue de la direction'),
    el('p', { class: 'lexom-lead' }, 'Où en est chaque contrat, ce que LEXOM doit encaisser, ce que les participants pensent des formations, le bilan pédagogique et financier de l\'année, et ce qui est arrivé à un contrat, en cours ou terminé.'),
    nav, body));
  const wanted = /[?&]contrat=([^&]+)/.exec(window.location.hash);
  if (wanted) {
    open('story', decodeURIComponent(wanted[1]));
  } else {
    open('stages');
  }
}

function stagesView(open) {
  const view = el('div', { class: 'lexom-stages' }, el('p', {}, 'Chargement…'));
  const list = el('div', { class: 'lexom-stage-contracts' });
  getJson('/stages').then((answer) => {
    const row = (s) => el('tr', { class: 'lexom-stage', 'data-stage': s.stage },
      el('td', {}, s.count > 0
        ? el('a', { href: '', onclick: (event) => { event.preventDefault(); listStage(s); } }, s.label)
        : s.label),
      cell(s.count, true), cell(money(s.amountNet), true), cell(money(s.amountGross), true));
    const headers = ['Étape', { label: 'Contrats', numeric: true }, { label: 'Montant HT', numeric: true },
      { label: 'Montant TTC', numeric: true }];
    show(view,
      el('p', { class: 'lexom-summary' }, answer.count + ' contrats, dont ' + answer.running + ' en cours pour '
        + money(answer.amountGrossRunning) + ' TTC — au ' + day(answer.asOf) + '.'),
      el('h3', {}, 'En cours'),
      table('lexom-running', headers, answer.stages.filter((s) => !s.finished).map(row)),
      el('h3', {}, 'Terminés'),
      table('lexom-finished', headers, answer.stages.filter((s) => s.finished).map(row)),
      list);
  }).catch((error) => show(view, failure(error)));

  function listStage(stage) {
    show(list, el('p', {}, 'Chargement…'));
    getJson('/contracts?stage=' + encodeURIComponent(stage.stage)).then((contracts) => show(list,
      el('h3', {}, stage.label + ' : ' + contracts.length + (contracts.length === 100 ? ' derniers contrats' : ' contrat(s)')),
      contractTable(contracts, open))).catch((error) => show(list, failure(error)));
  }
  return view;
}

function contractTable(contracts, open) {
  return table('lexom-contracts', ['Contrat', 'Client', 'Formation', 'Début', 'Étape', { label: 'Montant TTC', numeric: true }],
    contracts.map((c) => el('tr', { class: 'lexom-contract' },
      el('td', {}, el('a', { href: '', onclick: (event) => { event.preventDefault(); open('story', c.number); } }, c.number)),
      cell(c.client), cell(c.training), cell(day(c.startsOn)), cell(c.stageLabel), cell(money(c.priceGross), true))));
}

function receivablesView(open) {
  const view = el('div', { class: 'lexom-receivables' }, el('p', {}, 'Chargement…'));
  getJson('/receivables').then((r) => {
    const contractLink = (number) => el('a', { href: '', onclick: (event) => { event.preventDefault(); open('story', number); } }, number);
    show(view,
      el('p', { class: 'lexom-summary' }, r.count + ' facture(s) échue(s) impayée(s) au ' + day(r.asOf) + ' : '
        + money(r.outstanding) + ' dus, ' + money(r.interest) + ' de pénalités de retard (L1), '
        + money(r.indemnities) + " d'indemnités forfaitaires (L2), soit " + money(r.total) + '.'),
      el('h3', {}, 'Par étape de relance'),
      table('lexom-dunning', ['Étape de relance', { label: 'Factures', numeric: true }, { label: 'Restant dû', numeric: true },
        { label: 'Pénalités (L1)', numeric: true }, { label: 'Indemnités (L2)', numeric: true }],
      r.stages.map((s) => el('tr', { 'data-stage': s.stage }, cell(s.label), cell(s.count, true), cell(money(s.outstanding), true),
        cell(money(s.interest), true), cell(money(s.indemnity), true)))),
      el('h3', {}, 'Mises en demeure en cours (délai de 8 jours, R1)'),
      table('lexom-notices', ['Facture', 'Contrat', 'Client', 'Échéance de la mise en demeure', 'Délai', { label: 'Total dû', numeric: true }],
        r.formalNotices.map((n) => el('tr', { class: n.daysLeft < 0 ? 'danger' : (n.daysLeft <= 2 ? 'warning' : '') },
          cell(n.invoiceNumber), el('td', {}, contractLink(n.contractNumber)), cell(n.client), cell(day(n.deadline)),
          cell(n.daysLeft > 0 ? 'encore ' + n.daysLeft + ' j' : (n.daysLeft === 0 ? "expire aujourd'hui" : 'expiré depuis ' + (-n.daysLeft) + ' j')),
          cell(money(n.total), true)))),
      el('h3', {}, 'Factures échues'),
      table('lexom-overdue', ['Facture', 'Contrat', 'Client', 'Échéance', { label: 'Retard', numeric: true }, 'Relance',
        { label: 'Restant dû', numeric: true }, { label: 'L1', numeric: true }, { label: 'L2', numeric: true }, { label: 'Total', numeric: true }],
      r.invoices.map((i) => el('tr', {}, cell(i.invoiceNumber), el('td', {}, contractLink(i.contractNumber)), cell(i.client),
        cell(day(i.dueOn)), cell(i.daysLate + ' j', true), cell(i.dunningLabel), cell(money(i.outstanding), true),
        cell(money(i.interest), true), cell(money(i.indemnity), true), cell(money(i.total), true)))));
  }).catch((error) => show(view, failure(error)));
  return view;
}

// ---- evaluations (E1, issue 23, item 4) ---------------------------------------------------------------------

/** A mean or a rate as the API gives it (an exact decimal, "4.50"), written the French way: "4,50". */
function decimal(value, suffix) {
  // JSON drops the trailing zeros of an exact "4.50" (a number 4.5): the API's values have two decimals, shown as such
  return value === undefined || value === null ? '—' : Number(value).toFixed(2).replace('.', ',') + (suffix || '');
}

function evaluationsView() {
  const view = el('div', { class: 'lexom-evaluations' }, el('p', {}, 'Chargement…'));
  const answers = el('div', { class: 'lexom-evaluation-answers' });
  const headers = ['Formation / session', { label: 'Invités', numeric: true }, { label: 'Réponses', numeric: true },
    { label: 'Taux', numeric: true }, { label: 'Contenu', numeric: true }, { label: 'Formateur', numeric: true },
    { label: 'Organisation', numeric: true }, { label: 'Rythme', numeric: true }, { label: 'Objectifs (auto-évaluation)', numeric: true },
    { label: 'Invités à froid', numeric: true }, { label: 'Réponses à froid', numeric: true }, { label: 'Taux à froid', numeric: true },
    { label: 'Mise en pratique', numeric: true }];
  function figures(label, hot, cold, extra) {
    return el('tr', extra || {}, label, cell(hot.invited, true), cell(hot.answered, true), cell(decimal(hot.responseRate, ' %'), true),
      cell(decimal(hot.content), true), cell(decimal(hot.trainer), true), cell(decimal(hot.organisation), true),
      cell(decimal(hot.pace), true), cell(decimal(hot.objectives), true), cell(cold.invited, true), cell(cold.answered, true),
      cell(decimal(cold.responseRate, ' %'), true), cell(decimal(cold.applied), true));
  }
  getJson('/evaluations').then((answer) => {
    const rows = [];
    answer.trainings.forEach((t) => {
      rows.push(figures(el('th', {}, t.reference + ' — ' + t.title), t.hot, t.cold, { class: 'lexom-evaluation-training' }));
      t.sessions.forEach((s) => rows.push(figures(el('td', {}, el('a', { href: '', onclick: (event) => {
        event.preventDefault(); openSession(t, s);
      } }, s.label)), s.hot, s.cold, { class: 'lexom-evaluation-session' })));
    });
    show(view,
      el('p', { class: 'lexom-summary' }, 'Évaluations à chaud (fin de formation) et à froid (quelques mois après), par formation '
        + 'puis par session : invités, réponses, taux de réponse et moyenne de chaque note, de 1 à 5. Cliquez une session pour lire ses réponses.'),
      table('lexom-evaluation-figures', headers, rows),
      el('p', {}, el('a', { href: '/api/evaluations.csv', class: 'lexom-evaluations-csv' }, 'Télécharger toutes les réponses (CSV pour Excel)')),
      answers);
  }).catch((error) => show(view, failure(error)));

  function openSession(training, session) {
    show(answers, el('p', {}, 'Chargement…'));
    getJson('/evaluations/answers?training=' + encodeURIComponent(training.reference) + '&session=' + encodeURIComponent(session.key))
      .then((list) => show(answers,
        el('h3', {}, training.title + ' — ' + session.label + ' : ' + list.length + ' réponse(s)'),
        table('lexom-evaluation-list', ['Participant', 'Évaluation', 'Date', 'Notes', 'Objectifs (auto-évaluation)', 'Commentaire',
          'Mis en pratique', 'Changements'], list.map((a) => el('tr', { class: 'lexom-evaluation-answer' },
          cell(a.participant), cell(a.kindLabel), cell(moment(a.answeredAt)),
          cell(a.kind === 'HOT' ? 'contenu ' + a.contentRating + ', formateur ' + a.trainerRating + ', organisation '
            + a.organisationRating + ', rythme ' + a.paceRating : 'mise en pratique ' + a.appliedRating),
          cell((a.objectives || []).map((o) => o.objective + ' : ' + o.level + '/5').join(' ; ')),
          cell(a.comment || ''), cell(a.applied || ''), cell(a.changes || ''))))))
      .catch((error) => show(answers, failure(error)));
  }
  return view;
}

// ---- the yearly BPF (issue 24) -------------------------------------------------------------------------------

/** Hours the French way, to the hundredth without trailing zeros: "3,5", "1 234,25". */
function hours(value) {
  return value === undefined || value === null ? '—' : Number(value).toLocaleString('fr-FR', { maximumFractionDigits: 2 });
}

function bpfView(open) {
  const view = el('div', { class: 'lexom-bpf' }, el('p', {}, 'Chargement…'));
  const select = el('select', { class: 'form-control lexom-bpf-year', 'aria-label': 'Exercice' });
  const report = el('div', { class: 'lexom-bpf-report' });
  getJson('/bpf').then((answer) => {
    answer.years.forEach((y) => select.appendChild(el('option', { value: y, selected: y === answer.current }, 'Exercice ' + y)));
    select.addEventListener('change', () => load(select.value));
    show(view,
      el('p', { class: 'lexom-summary' }, 'Le bilan pédagogique et financier (Cerfa 10443) de l\'exercice, calculé à partir des '
        + 'factures, des avoirs et des émargements. L\'exercice se termine le ' + answer.financialYearEnds.split('-').reverse().join('/')
        + '. Cliquez un chiffre pour voir les contrats qui le composent.'),
      el('form', { class: 'form-inline lexom-bpf-form', onsubmit: (event) => event.preventDefault() },
        el('label', {}, 'Exercice '), ' ', select),
      report);
    load(select.value);
  }).catch((error) => show(view, failure(error)));

  function load(year) {
    show(report, el('p', {}, 'Chargement…'));
    getJson('/bpf/' + encodeURIComponent(year)).then((b) => {
      const detail = el('div', { class: 'lexom-bpf-detail' });
      const figure = (line, text, numeric) => el('td', numeric ? { class: 'text-right' } : {},
        line.contributions && line.contributions.length
          ? el('a', { href: '', class: 'lexom-bpf-figure', 'data-line': line.code,
            onclick: (event) => { event.preventDefault(); drill(detail, line); } }, text)
          : text);
      const moneyRows = (lines) => lines.map((line) => el('tr', { class: 'lexom-bpf-line', 'data-line': line.code },
        el('td', {}, line.label, line.note ? el('div', { class: 'text-muted small' }, line.note) : null),
        figure(line, line.amount === null || line.amount === undefined ? '—' : money(line.amount), true)));
      const peopleRows = (lines) => lines.map((line) => el('tr', { class: 'lexom-bpf-line', 'data-line': line.code },
        el('td', line.code === 'F-1e-agents' ? { style: 'padding-left: 2em' } : {}, line.label, line.note ? el('div', { class: 'text-muted small' }, line.note) : null),
        figure(line, line.people === null || line.people === undefined ? '—' : String(line.people), true),
        figure(line, hours(line.hours), true)));
      const peopleHeaders = (first, count) => [first, { label: count, numeric: true }, { label: 'Heures', numeric: true }];
      show(report,
        el('p', {}, 'Exercice du ' + day(b.from) + ' au ' + day(b.to) + ' — ',
          el('a', { href: '/api/manager/bpf/' + b.year + '.pdf', target: '_blank', rel: 'noopener', class: 'lexom-bpf-pdf' }, 'PDF'),
          ' — ', el('a', { href: '/api/manager/bpf/' + b.year + '.csv', class: 'lexom-bpf-csv' }, 'CSV pour Excel')),
        b.warnings.length ? el('div', { class: 'alert alert-warning lexom-bpf-warnings' }, el('ul', {}, b.warnings.map((w) => el('li', {}, w)))) : null,
        el('h3', {}, 'Cadre C — origine des produits de la formation (HT)'),
        table('lexom-bpf-revenue', ['Produits provenant de', { label: 'Montant HT', numeric: true }],
          moneyRows(b.revenue).concat([el('tr', { class: 'lexom-bpf-total' }, el('th', {}, 'Total des produits de la formation'),
            el('th', { class: 'text-right lexom-bpf-revenue-total' }, money(b.revenueTotal)))])),
        el('p', {}, 'Hors cadre C (facturé dans l\'exercice, mais pas un produit de la formation) :'),
        table('lexom-bpf-outside', ['Frais et pénalités', { label: 'Montant HT', numeric: true }], moneyRows(b.outside)),
        el('h3', {}, 'Cadre E — personnes dispensant des heures de formation'),
        table('lexom-bpf-trainers', peopleHeaders('', 'Nombre'), peopleRows(b.trainers)),
        el('h3', {}, 'Cadre F-1 — type de stagiaires'),
        table('lexom-bpf-trainees', peopleHeaders('', 'Stagiaires'), peopleRows(b.trainees).concat([
          el('tr', { class: 'lexom-bpf-total' }, el('th', {}, 'Total'), el('th', { class: 'text-right' }, String(b.traineeTotals.people)),
            el('th', { class: 'text-right' }, hours(b.traineeTotals.hours))),
          el('tr', {}, el('td', { style: 'padding-left: 2em' }, 'dont à distance, en tout ou partie'), cell(String(b.traineeTotals.remotePeople), true), cell(''))])),
        el('h3', {}, 'Cadre F-3 — objectif général des prestations'),
        table('lexom-bpf-objectives', peopleHeaders('', 'Stagiaires'), peopleRows(b.objectives)),
        el('h3', {}, 'Cadre F-4 — spécialités de formation (NSF)'),
        table('lexom-bpf-specialties', peopleHeaders('Spécialité', 'Stagiaires'), peopleRows(b.specialties)),
        el('h3', {}, "Ce que l'application ne peut pas remplir"),
        table('lexom-bpf-unfilled', ['Cadre', 'Rubrique', 'Pourquoi'], b.unfilled.map((u) => el('tr', {}, cell(u.frame), cell(u.label), cell(u.reason)))),
        el('p', { class: 'text-muted small' }, 'Tables de correspondance : ' + b.tables + ' (bpmn/decisions/bpf-categories.dmn).'),
        detail);
    }).catch((error) => show(report, failure(error)));
  }

  function drill(detail, line) {
    const contractLinks = (numbers) => numbers.flatMap((n, i) => [i ? ', ' : null,
      el('a', { href: '', class: 'lexom-bpf-contract', onclick: (event) => { event.preventDefault(); open('story', n); } }, n)]);
    show(detail,
      el('h3', { class: 'lexom-bpf-detail-title' }, line.label + ' : ' + line.contributions.length + ' contribution(s)'),
      table('lexom-bpf-contributions', ['Contrat(s)', 'Client ou formateur', 'Factures', { label: 'Montant HT', numeric: true },
        { label: 'Stagiaires', numeric: true }, { label: 'Heures', numeric: true }],
      line.contributions.map((c) => el('tr', { class: 'lexom-bpf-contribution' },
        el('td', {}, contractLinks(c.contracts)), cell(c.label || ''), cell((c.invoices || []).join(', ')),
        cell(c.amount === null || c.amount === undefined ? '' : money(c.amount), true),
        cell(c.people === null || c.people === undefined ? '' : String(c.people), true),
        cell(c.hours === null || c.hours === undefined ? '' : hours(c.hours), true)))));
    detail.scrollIntoView({ block: 'start' });
  }
  return view;
}

const PROCESS_STATES = { ACTIVE: 'en cours', COMPLETED: 'terminé', SUSPENDED: 'suspendu', EXTERNALLY_TERMINATED: 'arrêté',
  INTERNALLY_TERMINATED: 'arrêté' };
const MAIL_STATES = { SENT: 'envoyé', KEPT: 'conservé (sans serveur SMTP)', PENDING: 'en attente', FAILED: 'en échec' };
const INVOICE_KINDS = { DEPOSIT: 'Acompte', BALANCE: 'Solde', FUNDER_SHARE: 'Part du financeur', FEE: 'Frais',
  CREDIT_NOTE: 'Avoir' };
const INVOICE_STATES = { ISSUED: 'émise', PARTIALLY_PAID: 'payée en partie', PAID: 'payée', CANCELLED: 'annulée' };

function storyView(open, number) {
  const input = el('input', { type: 'search', class: 'form-control lexom-search-input', placeholder: 'Numéro de contrat ou nom du client',
    'aria-label': 'Numéro de contrat ou nom du client', maxlength: 100 });
  const results = el('div', { class: 'lexom-search-results' });
  const story = el('div', { class: 'lexom-story' });
  const form = el('form', { class: 'form-inline lexom-search', onsubmit: (event) => { event.preventDefault(); search(); } },
    input, ' ', el('button', { type: 'submit', class: 'btn btn-primary' }, 'Rechercher'));

  function search() {
    const q = input.value.trim();
    if (!q) {
      return;
    }
    show(results, el('p', {}, 'Recherche…'));
    show(story);
    getJson('/contracts?q=' + encodeURIComponent(q)).then((contracts) => {
      if (contracts.length === 1) {
        show(results);
        tell(contracts[0].number);
      } else {
        show(results, el('p', {}, contracts.length ? contracts.length + ' contrats trouvés :' : 'Aucun contrat trouvé.'),
          contracts.length ? contractTable(contracts, (tab, n) => { show(results); tell(n); }) : null);
      }
    }).catch((error) => show(results, failure(error)));
  }

  function tell(contractNumber) {
    show(story, el('p', {}, 'Chargement…'));
    getJson('/contracts/' + encodeURIComponent(contractNumber) + '/story').then((s) => show(story,
      el('h2', { class: 'lexom-story-title' }, 'Contrat ' + s.number + ' — ' + s.client),
      el('p', {}, el('span', { class: 'label ' + (s.finished ? 'label-default' : 'label-primary') + ' lexom-stage-label' },
        s.stageLabel + (s.finished ? ' (terminé)' : ' (en cours)'))),
      el('dl', { class: 'dl-horizontal lexom-facts' },
        el('dt', {}, 'Formation'), el('dd', {}, s.training + ', du ' + day(s.startsOn) + ' au ' + day(s.endsOn)),
        el('dt', {}, 'Montant'), el('dd', {}, money(s.priceNet) + ' HT, ' + money(s.priceGross) + ' TTC'),
        el('dt', {}, 'Devis'), el('dd', {}, 'émis le ' + day(s.quoteIssuedOn) + (s.acceptedOn ? ', accepté le ' + day(s.acceptedOn) : '')),
        s.funder ? [el('dt', {}, 'Financeur'), el('dd', {}, s.funder)] : null,
        // E1: the signed attendance sheet as it stands now (PDF, opened with the manager's session)
        s.attendanceSheet ? [el('dt', {}, 'Émargement'), el('dd', {}, el('a', { href: s.attendanceSheet, target: '_blank',
          rel: 'noopener', class: 'lexom-attendance-sheet' }, "Feuille d'émargement (PDF)"))] : null,
        // issue 24: every document of the contract, its letters and an index, for an audit
        el('dt', {}, 'Preuves'), el('dd', {}, el('a', { href: '/api/contracts/' + encodeURIComponent(s.number) + '/evidence.zip',
          class: 'lexom-evidence' }, 'Dossier de preuves (ZIP)'))),
      el('h3', {}, 'Processus'),
      table('lexom-processes', ['Processus', 'Clé', 'État', 'Début', 'Fin'], s.processes.map((p) => el('tr', {},
        cell(p.process), cell(p.businessKey), cell(PROCESS_STATES[p.state] || p.state), cell(moment(p.startedAt)), cell(moment(p.endedAt))))),
      el('h3', {}, 'Étapes'),
      table('lexom-steps', ['Quand', 'Étape', 'Processus', 'Par'], s.steps.map((step) => el('tr', { class: 'lexom-step' },
        cell(moment(step.at)), cell(step.step), cell(step.process), cell(step.who || (step.source === 'ENGINE' ? 'automatique' : ''))))),
      el('h3', {}, 'Courriers envoyés'),
      table('lexom-mails', ['Créé', 'Envoyé', 'Courrier', 'Objet', 'État'], s.mails.map((m) => el('tr', {},
        cell(moment(m.createdAt)), cell(moment(m.sentAt)), cell(m.letter), cell(m.subject), cell(MAIL_STATES[m.status] || m.status)))),
      el('h3', {}, 'Factures'),
      table('lexom-invoices', ['Facture', 'Nature', 'À', 'Émise', 'Échéance', { label: 'TTC', numeric: true },
        { label: 'Payé', numeric: true }, { label: 'Reste dû', numeric: true }, 'État'],
      s.invoices.map((i) => el('tr', {}, cell(i.number), cell(INVOICE_KINDS[i.kind] || i.kind), cell(i.billedToFunder ? 'financeur' : 'client'),
        cell(day(i.issuedOn)), cell(day(i.dueOn)), cell(money(i.gross), true), cell(money(i.paid), true),
        cell(money(i.outstanding), true),
        // a written-off invoice owes nothing more (billing.Owed): what it lacked shows as the loss it is
        cell(Number(i.writtenOff) > 0 ? 'passée en perte (' + money(i.writtenOff) + ')' : INVOICE_STATES[i.status] || i.status)))),
      el('h3', {}, 'Paiements'),
      table('lexom-payments', ['Reçu le', 'Facture', { label: 'Montant', numeric: true }, 'Source', 'Enregistré par'],
        s.payments.map((p) => el('tr', {}, cell(day(p.receivedOn)), cell(p.invoiceNumber || ''), cell(money(p.amount), true),
          cell(p.source), cell(p.recordedBy || ''))))
    )).catch((error) => show(story, failure(error)));
  }

  if (number) {
    input.value = number;
    tell(number);
  }
  return el('div', { class: 'lexom-story-view' }, form, results, story);
}

// ---- who sees it ------------------------------------------------------------------------------------------

let allowed;

/** True when the API answers this user (a manager or an administrator); asked once per page load. */
function managerOrAdmin() {
  if (!allowed) {
    allowed = fetch(API + '/stages', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then((response) => response.ok).catch(() => false);
  }
  return allowed;
}

export default [
  {
    id: 'lexom.managerView.page',
    pluginPoint: 'cockpit.route',
    properties: { path: '/lexom' },
    render: (node) => renderPage(node)
  },
  {
    id: 'lexom.managerView.navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 100,
    properties: { path: '/lexom' },
    checkActive: (path) => path.indexOf(PAGE) > -1,
    render: (node) => {
      managerOrAdmin().then((ok) => {
        if (ok) {
          show(node, el('a', { href: PAGE, class: 'lexom-nav-link' }, 'Vue de la direction'));
        }
      });
    }
  },
  {
    id: 'lexom.managerView.dashboard',
    pluginPoint: 'cockpit.dashboard',
    priority: 100,
    render: (node) => {
      managerOrAdmin().then((ok) => {
        if (ok) {
          show(node, el('section', { class: 'lexom-dashboard-card' },
            el('h3', {}, 'LEXOM — vue de la direction'),
            el('p', {}, 'Contrats par étape, créances, évaluations, bilan pédagogique et financier, et histoire de chaque contrat, en cours ou terminé : ',
              el('a', { href: PAGE, class: 'lexom-dashboard-link' }, 'ouvrir la vue de la direction'), '.')));
        }
      });
    }
  }
];
