#!/usr/bin/env node
/*
 * Renders every bpmn/*.bpmn model to docs/images/<name>.png for the README.
 *
 * Each model is imported into the bpmn-js viewer (the bundle in node_modules, loaded from
 * disk: no CDN, every network request is refused) in headless Debian Chromium driven by
 * playwright-core. The diagram is exported with the viewer's own saveSVG(), which is cropped
 * to the diagram, then drawn on a white page with a small margin and screenshotted.
 *
 * <name> is the id of the model's process when the file has exactly one, else the file name.
 *
 * Usage: npm run render:bpmn            (after npm ci)
 *        node docs/render-diagrams.js [file.bpmn ...]
 * Env:   CHROMIUM=/path/to/chromium     (default /usr/bin/chromium; Debian package "chromium")
 *        RENDER_SCALE=1.5               (device scale factor of the PNG)
 */
'use strict';

const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '..');
const BPMN_DIR = path.join(ROOT, 'bpmn');
const OUT_DIR = path.join(ROOT, 'docs', 'images');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SCALE = Number(process.env.RENDER_SCALE || 1.5);
const MARGIN = 20; // CSS pixels of white around the diagram

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic'
];

const VIEWER_JS = require.resolve('bpmn-js/dist/bpmn-viewer.production.min.js');
const VIEWER_CSS = [
  require.resolve('bpmn-js/dist/assets/diagram-js.css'),
  require.resolve('bpmn-js/dist/assets/bpmn-js.css')
];

function modelFiles(args) {
  if (args.length) {
    return args.map((f) => path.resolve(f));
  }
  return fs.readdirSync(BPMN_DIR)
    .filter((f) => f.endsWith('.bpmn'))
    .sort()
    .map((f) => path.join(BPMN_DIR, f));
}

async function render(page, file) {
  const xml = fs.readFileSync(file, 'utf8');

  // A blank page with the viewer; the bundle and its CSS are read from node_modules.
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.setContent(
    '<!DOCTYPE html><html><head><meta charset="utf-8"></head>' +
    '<body style="margin:0;background:#fff"><div id="canvas" style="width:1600px;height:1000px"></div></body></html>'
  );
  for (const css of VIEWER_CSS) {
    await page.addStyleTag({ path: css });
  }
  await page.addScriptTag({ path: VIEWER_JS });

  const result = await page.evaluate(async (xml) => {
    const viewer = new window.BpmnJS({ container: '#canvas' });
    const { warnings } = await viewer.importXML(xml);
    viewer.get('canvas').zoom('fit-viewport');
    await document.fonts.ready;
    const { svg } = await viewer.saveSVG();
    const processes = viewer.getDefinitions().rootElements
      .filter((e) => e.$type === 'bpmn:Process')
      .map((e) => e.id);
    viewer.destroy();
    return { svg, processes, warnings: warnings.map((w) => w.message) };
  }, xml);

  for (const w of result.warnings) {
    console.warn(`  import warning: ${w}`);
  }

  // Draw the exported (already cropped) SVG on white with a margin, sized to fit exactly.
  const size = await page.evaluate(({ svg, margin }) => {
    document.body.innerHTML = '';
    const frame = document.createElement('div');
    frame.id = 'diagram';
    frame.style.cssText = `display:inline-block;padding:${margin}px;background:#fff;line-height:0`;
    frame.innerHTML = svg.replace(/^[\s\S]*?(<svg[\s\S]*)$/, '$1'); // drop XML prolog/doctype
    document.body.appendChild(frame);
    const r = frame.getBoundingClientRect();
    return { width: Math.ceil(r.width), height: Math.ceil(r.height) };
  }, { svg: result.svg, margin: MARGIN });

  await page.setViewportSize(size);
  await page.evaluate(() => document.fonts.ready);

  const name = result.processes.length === 1 ? result.processes[0] : path.basename(file, '.bpmn');
  const out = path.join(OUT_DIR, `${name}.png`);
  await page.locator('#diagram').screenshot({ path: out, omitBackground: false });
  return { out, size };
}

async function main() {
  const files = modelFiles(process.argv.slice(2));
  if (!files.length) {
    throw new Error(`no .bpmn file in ${BPMN_DIR}`);
  }
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: apt-get install -y chromium fonts-dejavu-core (or set CHROMIUM)`);
  }
  fs.mkdirSync(OUT_DIR, { recursive: true });

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ deviceScaleFactor: SCALE, offline: true });
    // Nothing is fetched from the network: the viewer and its CSS are inlined from disk.
    await context.route(/^(https?|wss?):/, (route) => route.abort());
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`  page error: ${e.message}`));

    for (const file of files) {
      const { out, size } = await render(page, file);
      const px = `${Math.round(size.width * SCALE)}x${Math.round(size.height * SCALE)}`;
      console.log(`${path.relative(ROOT, file)} -> ${path.relative(ROOT, out)} (${px} px)`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(`render-diagrams: ${e.message}`);
  process.exit(1);
});
