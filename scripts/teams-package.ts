import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import yazl from 'yazl';
import { buildPackageFiles, packageProblems, type PackageOptions } from '../deploy/teams/build-package.js';

/**
 * npm run teams:package -- --app-id <MICROSOFT_APP_ID> --website-url https://… --privacy-url https://… \
 *   --terms-url https://… [--developer-name "…"] [--version 1.0.0] [--teams-app-id <guid>] [--out dist/teams-app.zip]
 *
 * Writes the Teams app package (manifest.json, color.png, outline.png at the zip root) for sideloading
 * or upload to your organization's app catalog. --app-id defaults to MICROSOFT_APP_ID.
 * Like src/main.ts, this command-line entry point reads its own environment.
 */
const { values } = parseArgs({
  options: {
    'app-id': { type: 'string', default: process.env.MICROSOFT_APP_ID ?? '' },
    'teams-app-id': { type: 'string' },
    version: { type: 'string', default: '1.0.0' },
    'developer-name': { type: 'string', default: 'RFI consultation team' },
    'website-url': { type: 'string', default: process.env.PUBLIC_URL ?? '' },
    'privacy-url': { type: 'string', default: '' },
    'terms-url': { type: 'string', default: '' },
    out: { type: 'string', default: 'dist/teams-app.zip' },
  },
});

const options: PackageOptions = {
  botId: values['app-id'] ?? '',
  ...(values['teams-app-id'] ? { teamsAppId: values['teams-app-id'] } : {}),
  version: values.version ?? '1.0.0',
  developerName: values['developer-name'] ?? '',
  websiteUrl: values['website-url'] ?? '',
  privacyUrl: values['privacy-url'] || `${(values['website-url'] ?? '').replace(/\/$/, '')}/privacy`,
  termsOfUseUrl: values['terms-url'] || `${(values['website-url'] ?? '').replace(/\/$/, '')}/terms`,
};

const problems = packageProblems(options);
if (problems.length > 0) {
  console.error(`Cannot build the Teams app package:\n${problems.map((line) => `  - ${line}`).join('\n')}`);
  process.exit(1);
}

const out = resolve(values.out ?? 'dist/teams-app.zip');
await mkdir(dirname(out), { recursive: true });
const zip = new yazl.ZipFile();
// A fixed date keeps the zip identical from run to run for the same inputs.
const mtime = new Date('2026-01-01T00:00:00Z');
for (const [name, content] of await buildPackageFiles(options)) zip.addBuffer(content, name, { mtime });
zip.end();
await new Promise<void>((done, fail) => {
  zip.outputStream.pipe(createWriteStream(out)).on('close', done).on('error', fail);
});
console.log(`Teams app package written to ${out}\nUpload it in Teams: Apps → Manage your apps → Upload an app → Upload a custom app.`);
