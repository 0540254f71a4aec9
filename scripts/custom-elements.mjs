// The custom elements manifest (custom-elements.json, the community schema
// that editors, Storybook and linters read): generated from the elements'
// JSDoc (@summary, @fires, @csspart, @cssprop, attributes and properties) by
// @custom-elements-manifest/analyzer with its Lit support, and checked into git
// so the package carries it.
//
//   node scripts/custom-elements.mjs           write custom-elements.json and docs/embedding.md's API section
//   node scripts/custom-elements.mjs --check   exit 1 if either is not current (npm test)
//
// docs/embedding.md's "The element's API" is generated from the manifest
// between its `<!-- api:start -->` and `<!-- api:end -->` markers, so the
// documentation a host developer reads cannot drift from the elements.
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
export const EMBEDDING_DOC = join(ROOT, 'docs', 'embedding.md');
/** The elements a host uses directly, documented in docs/embedding.md. */
export const PUBLIC_ELEMENTS = ['care-record'];

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
  const manifest = create({ modules, plugins: [...litPlugin(), guardedDefinitions(), onlyElements()], context: { dev: false } });
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * The elements register through components/define.ts's `@defineElement('tag')`
 * (guarded registration) rather than Lit's `@customElement`: the same
 * definition, which the analyzer's Lit support would not see.
 */
function guardedDefinitions() {
  return {
    name: 'guarded-definitions',
    analyzePhase({ ts: api, node, moduleDoc }) {
      if (!api.isClassDeclaration(node) || !node.name) return;
      for (const modifier of node.modifiers ?? []) {
        const call = api.isDecorator(modifier) ? modifier.expression : undefined;
        if (!call || !api.isCallExpression(call) || call.expression.getText() !== 'defineElement') continue;
        const [tag] = call.arguments;
        if (!tag || !api.isStringLiteral(tag)) continue;
        moduleDoc.exports = [
          ...(moduleDoc.exports ?? []),
          { kind: 'custom-element-definition', name: tag.text, declaration: { name: node.name.text, module: moduleDoc.path } },
        ];
      }
    },
  };
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

const cell = (text) =>
  String(text ?? '')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
const code = (text) =>
  text
    ? `\`${String(text)
        .replace(/\s*\n\s*/g, ' ')
        .replace(/\|/g, '\\|')}\``
    : '';

/** The public elements' API as Markdown tables, from the manifest. */
export function apiMarkdown(manifestText) {
  const manifest = JSON.parse(manifestText);
  const declarations = manifest.modules.flatMap((m) => m.declarations);
  const sections = PUBLIC_ELEMENTS.map((tag) => {
    const d = declarations.find((x) => x.tagName === tag);
    if (!d) throw new Error(`The manifest has no <${tag}>`);
    const members = d.members ?? [];
    const attributes = (d.attributes ?? []).map(
      (a) => `| ${code(a.name)} | ${code(a.fieldName)} | ${code(a.type?.text)} | ${code(a.default)} | ${cell(a.description)} |`,
    );
    const properties = members
      .filter((m) => m.kind === 'field' && !m.attribute)
      .map((m) => `| ${code(m.name)} | ${code(m.type?.text)} | ${m.readonly ? 'read-only' : ''} | ${cell(m.description)} |`);
    const methods = members
      .filter((m) => m.kind === 'method')
      .map(
        (m) =>
          `| ${code(`${m.name}(${(m.parameters ?? []).map((p) => `${p.name}: ${p.type?.text ?? 'unknown'}`).join(', ')})`)} | ${code(m.return?.type?.text)} | ${cell(m.description)} |`,
      );
    const events = (d.events ?? []).map((e) => `| ${code(e.name)} | ${cell(e.description)} |`);
    const parts = (d.cssParts ?? []).map((p) => `| ${code(p.name)} | ${cell(p.description)} |`);
    const props = (d.cssProperties ?? []).map((p) => `| ${code(p.name)} | ${cell(p.description)} |`);
    const table = (head, rows) => (rows.length ? [head, head.replace(/[^|]+/g, ' --- '), ...rows].join('\n') : '(none)');
    return [
      `### \`<${tag}>\``,
      '',
      cell(d.summary),
      '',
      '#### Attributes',
      '',
      table('| Attribute | Property | Type | Default | Description |', attributes),
      '',
      '#### Properties (set from script)',
      '',
      table('| Property | Type | Access | Description |', properties),
      '',
      '#### Methods',
      '',
      table('| Method | Returns | Description |', methods),
      '',
      '#### Events',
      '',
      "All bubble and are composed (they leave the shadow roots): listen on the element or above it. Their `detail` types are `ViewerEventDetails` in the package's types.",
      '',
      table('| Event | When, and its `detail` |', events),
      '',
      '#### Parts (`::part()`)',
      '',
      table('| Part | What |', parts),
      '',
      '#### CSS custom properties',
      '',
      table('| Property | What |', props),
    ].join('\n');
  });
  return `<!-- api:start -->\n<!-- Generated from custom-elements.json by \`npm run manifest\`: edit the elements' JSDoc, not this. -->\n\n${sections.join('\n\n')}\n\n<!-- api:end -->`;
}

/** docs/embedding.md with its API section made from the manifest. */
export function embeddingDoc(manifestText, current = readFileSync(EMBEDDING_DOC, 'utf8')) {
  const pattern = /<!-- api:start -->[\s\S]*?<!-- api:end -->/;
  if (!pattern.test(current)) throw new Error(`${EMBEDDING_DOC} has no <!-- api:start --> … <!-- api:end --> section`);
  return current.replace(pattern, () => apiMarkdown(manifestText));
}

function main(argv) {
  const text = generateManifest();
  const doc = embeddingDoc(text);
  if (argv.includes('--check')) {
    const stale = [
      [MANIFEST_FILE, text],
      [EMBEDDING_DOC, doc],
    ].filter(([file, wanted]) => {
      try {
        return readFileSync(file, 'utf8') !== wanted;
      } catch {
        return true;
      }
    });
    if (stale.length > 0) {
      console.error(`${stale.map(([file]) => relative(ROOT, file)).join(' and ')} not current: run \`npm run manifest\` and commit.`);
      return 1;
    }
    console.log('custom-elements.json and docs/embedding.md are current.');
    return 0;
  }
  writeFileSync(MANIFEST_FILE, text);
  writeFileSync(EMBEDDING_DOC, doc);
  console.log(`Wrote ${relative(process.cwd(), MANIFEST_FILE)} and the API section of ${relative(process.cwd(), EMBEDDING_DOC)}.`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
