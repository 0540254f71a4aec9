// `npm run check-deployment -- https://viewer.example`: fetches the deployed
// viewer's pages, assets and configuration and reports missing or weak
// headers and configuration problems (docs/deployment.md, "Checking a deployment").
import { checkDeployment, FAILING, type Status } from './deployment/check-deployment';

const [url, ...rest] = process.argv.slice(2);
if (!url || rest.length > 0 || !/^https?:\/\//.test(url)) {
  console.error('Usage: npm run check-deployment -- https://viewer.example');
  process.exit(2);
}
const LABELS: Record<Status, string> = { ok: 'ok     ', note: 'note   ', missing: 'MISSING', weak: 'WEAK   ', problem: 'PROBLEM' };
console.log(`Checking ${url}\n`);
const findings = await checkDeployment(url);
for (const f of findings) console.log(`${LABELS[f.status]}  ${f.check}: ${f.detail}`);
const failing = findings.filter((f) => FAILING.includes(f.status));
console.log(
  failing.length === 0
    ? `\nAll good: ${findings.filter((f) => f.status === 'ok').length} checks passed.`
    : `\n${failing.length} thing(s) to fix.`,
);
process.exit(failing.length === 0 ? 0 : 1);
