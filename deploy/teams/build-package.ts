import { readFile } from 'node:fs/promises';
import { colorIcon, outlineIcon } from './icons.js';

/**
 * Builds the Teams app package contents (manifest.json, its Spanish strings es.json, the two icons) from
 * manifest.template.json and es.json.
 * Pure apart from reading the template; scripts/teams-package.ts zips the result.
 */
export interface PackageOptions {
  /** The Azure Bot's Microsoft App ID (MICROSOFT_APP_ID). */
  botId: string;
  /** The Teams app id; defaults to the bot id (one registration, one app). */
  teamsAppId?: string;
  version: string;
  developerName: string;
  websiteUrl: string;
  privacyUrl: string;
  termsOfUseUrl: string;
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function packageProblems(options: PackageOptions): string[] {
  const problems: string[] = [];
  if (!GUID.test(options.botId)) problems.push('--app-id: use the Microsoft App ID of your Azure Bot (a GUID), or set MICROSOFT_APP_ID');
  if (options.teamsAppId !== undefined && !GUID.test(options.teamsAppId)) problems.push('--teams-app-id: use a GUID');
  if (!/^\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(options.version)) problems.push('--version: use MAJOR.MINOR.PATCH, e.g. 1.0.0 (raise it for every upload)');
  if (!options.developerName.trim() || options.developerName.length > 32) problems.push('--developer-name: 1 to 32 characters, e.g. your agency or team');
  for (const [flag, url] of [['--website-url', options.websiteUrl], ['--privacy-url', options.privacyUrl], ['--terms-url', options.termsOfUseUrl]] as const) {
    if (!/^https:\/\/[^\s"]+$/.test(url)) problems.push(`${flag}: Teams requires an https:// address`);
  }
  return problems;
}

export async function buildPackageFiles(options: PackageOptions): Promise<Map<string, Buffer>> {
  const template = await readFile(new URL('./manifest.template.json', import.meta.url), 'utf8');
  const values: Record<string, string> = {
    version: options.version,
    teamsAppId: options.teamsAppId ?? options.botId,
    botId: options.botId,
    developerName: options.developerName,
    websiteUrl: options.websiteUrl,
    privacyUrl: options.privacyUrl,
    termsOfUseUrl: options.termsOfUseUrl,
  };
  const filled = template.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`manifest.template.json: unknown placeholder {{${name}}}`);
    // Values go inside JSON strings: escape them as JSON.
    return JSON.stringify(value).slice(1, -1);
  });
  const manifest = JSON.parse(filled) as unknown;
  // Spanish strings for the store listing and the command menu (Teams picks them by the client language).
  const spanish = JSON.parse(await readFile(new URL('./es.json', import.meta.url), 'utf8')) as unknown;
  return new Map([
    ['manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`)],
    ['es.json', Buffer.from(`${JSON.stringify(spanish, null, 2)}\n`)],
    ['color.png', colorIcon()],
    ['outline.png', outlineIcon()],
  ]);
}
