// `npm run check-config path/to/config.json`: every problem with a viewer
// configuration at once, by the viewer's own rules and production's.
import { readFileSync } from 'node:fs';
import { checkConfig } from './deployment/config-rules';

const [file, ...rest] = process.argv.slice(2);
if (!file || rest.length > 0) {
  console.error('Usage: npm run check-config path/to/config.json');
  process.exit(2);
}
let json: unknown;
try {
  json = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  console.error(`${file} could not be read as JSON: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const { problems, notes } = checkConfig(json);
for (const note of notes) console.log(`note     ${note}`);
for (const problem of problems) console.log(`PROBLEM  ${problem}`);
console.log(problems.length === 0 ? `${file}: no problems.` : `${file}: ${problems.length} problem(s).`);
process.exit(problems.length === 0 ? 0 : 1);
