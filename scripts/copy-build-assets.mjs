// `npm run build`, step 2: tsc compiles TypeScript only; the files the server reads next to its code
// (web chat and dashboard pages, the Teams manifest template) are copied into dist/ at the same places.
import { cpSync } from 'node:fs';

const ASSETS = ['adapters/webchat/public', 'src/moderation/public', 'deploy/teams/manifest.template.json', 'deploy/teams/es.json', 'deploy/slack'];
for (const path of ASSETS) cpSync(path, `dist/${path}`, { recursive: true });
process.stdout.write(`copied ${ASSETS.length} asset paths into dist/\n`);
