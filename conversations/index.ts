import { readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ZodError } from 'zod';
import { flowDefinitionSchema, type FlowDefinition } from '../src/flow/definition.js';
import { AppError } from '../src/errors.js';

/**
 * Finds every questionnaire in this folder: one module per flow, default-exporting its definition.
 * Adding a questionnaire is one new file here; nothing else needs to know about it. Each definition is
 * checked at startup, so a missing translation stops the process with the file and field named, instead
 * of a partner meeting an empty message.
 */

export class FlowDefinitionError extends AppError {
  constructor(
    message: string,
    /** The file (or name) the definition came from, e.g. "conversations/foo.ts". */
    readonly source: string,
    options?: { cause?: unknown },
  ) {
    super('FLOW_DEFINITION_INVALID', message, options);
  }
}

const HERE = dirname(fileURLToPath(import.meta.url));

/** Flow modules: .ts/.js/.mjs files, except this index, tests and type declarations. */
function isFlowModule(file: string): boolean {
  if (!/\.(?:ts|mts|js|mjs)$/.test(file) || /\.d\.[mc]?ts$/.test(file)) return false;
  return !/^index\./.test(file) && !/\.test\./.test(file);
}

/** "questions.2.text.es: Spanish text is required", one line per problem. */
function describeIssues(error: ZodError, sourceName: string): string {
  return error.issues
    .map((issue) => `${sourceName}: ${issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)'}: ${issue.message}`)
    .join('\n');
}

/** Checks one definition; throws FlowDefinitionError naming `sourceName` and the field path. */
export function parseFlow(input: unknown, sourceName: string): FlowDefinition {
  const parsed = flowDefinitionSchema.safeParse(input);
  if (!parsed.success) throw new FlowDefinitionError(describeIssues(parsed.error, sourceName), sourceName, { cause: parsed.error });
  return parsed.data;
}

/** Loads and checks every flow in `dir` (default: this folder), keyed by flow id. */
export async function loadFlows(dir: string = HERE): Promise<Map<string, FlowDefinition>> {
  const files = (await readdir(dir)).filter(isFlowModule).sort();
  const flows = new Map<string, FlowDefinition>();
  const sources = new Map<string, string>();
  for (const file of files) {
    // Named as the folder and file ("conversations/foo.ts") so the message points at what to edit.
    const sourceName = `${basename(dir)}/${file}`;
    let module: { default?: unknown };
    try {
      module = (await import(pathToFileURL(join(dir, file)).href)) as { default?: unknown };
    } catch (error) {
      throw new FlowDefinitionError(`${sourceName}: could not be loaded: ${error instanceof Error ? error.message : String(error)}`, sourceName, { cause: error });
    }
    if (module.default === undefined) {
      throw new FlowDefinitionError(`${sourceName}: (root): no default export; use \`export default { ... } satisfies FlowInput\``, sourceName);
    }
    const flow = parseFlow(module.default, sourceName);
    const previous = sources.get(flow.id);
    if (previous !== undefined) {
      throw new FlowDefinitionError(`${sourceName}: id: "${flow.id}" is already used by ${previous}`, sourceName);
    }
    flows.set(flow.id, flow);
    sources.set(flow.id, sourceName);
  }
  return flows;
}
