// The custom elements manifest (custom-elements.json, the community schema
// that editors, Storybook and linters read): generated from the elements'
// JSDoc (@summary, @fires, @csspart, @cssprop, attributes and properties) by
// @custom-elements-manifest/analyzer with its Lit support, and checked into git
// so the package carries it.
//
//   node scripts/custom-elements.mjs           write custom-elements.json
//   node scripts/custom-elements.mjs --check   exit 1 if it is not current (npm test)
//
// Modules are named by their source path (the package ships them bundled;
// tools find the elements by tag name). Only modules that define an element,
// and only public members, are listed.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { create, ts } from '@custom-elements-manifest/analyzer';
import { litPlugin } from '@custom-elements-manifest/analyzer/src/features/framework-plugins/lit/lit.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const MANIFEST_FILE = join(ROOT, 'custom-elements.json');

function elementSources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'test-helpers' ? [] : elementSources(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') && !path.endsWith('.styles.ts') ? [path] : [];
  });
}

/** The manifest of every element under components/, as JSON text. */
export function generateManifest() {
  const files = elementSources(join(ROOT, 'components')).sort();
  const modules = files.map((file) =>
    ts.createSourceFile(relative(ROOT, file).split(sep).join('/'), readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true),
  );
  const manifest = create({ modules, plugins: [...litPlugin(), onlyElements()], context: { dev: false } });
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * Keeps the modules that define elements (helpers such as contexts.ts describe
 * nothing a host uses), and drops private and protected members, which are
 * not the elements' API.
 */
function onlyElements() {
  return {
    name: 'only-elements',
    packageLinkPhase({ customElementsManifest }) {
      customElementsManifest.modules = customElementsManifest.modules.filter((m) =>
        (m.declarations ?? []).some((d) => d.customElement && d.tagName),
      );
      for (const module of customElementsManifest.modules) {
        module.declarations = (module.declarations ?? []).filter((d) => d.customElement && d.tagName);
        for (const declaration of module.declarations) {
          declaration.members = (declaration.members ?? []).filter(
            (m) => m.privacy !== 'private' && m.privacy !== 'protected' && !m.name.startsWith('#') && !m.static,
          );
        }
        module.exports = (module.exports ?? []).filter((e) => module.declarations.some((d) => d.name === e.declaration?.name));
      }
    },
  };
}

function main(argv) {
  const text = generateManifest();
  if (argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(MANIFEST_FILE, 'utf8');
    } catch {
      // missing: reported below
    }
    if (current !== text) {
      console.error('custom-elements.json is not current: run `npm run manifest` and commit it.');
      return 1;
    }
    console.log('custom-elements.json is current.');
    return 0;
  }
  writeFileSync(MANIFEST_FILE, text);
  console.log(`Wrote ${relative(process.cwd(), MANIFEST_FILE)}.`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
