// The layer rule of STYLE.md ("Imports only point down") as an ESLint rule: `layers/imports-point-down`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RULE = 'layers/imports-point-down';

/**
 * What each layer may import besides itself. `core-types`: core/'s top-level modules (domain,
 * view models) and the register descriptors (core/registers) fully, anything deeper in core/ only with `import type`. `core/domain.ts` is its
 * own layer. Folders not listed (tools/, bench/, manifest/, test/) are not layered.
 * jobs/ → models/ stays allowed: the job runtime and the planners' data readers are stores of
 * their own (jobs/runtime, jobs/data); dialogs/ never touch the models (STYLE: "never mongoose").
 */
const LAYERS = {
  bot: { may: ['*'], says: 'bot/ may use anything' },
  dialogs: { may: ['cards', 'core', 'domain'], says: 'dialogs/ use cards/ and core/' },
  jobs: { may: ['cards', 'core', 'domain'], says: 'jobs/ use cards/ and core/' },
  cards: { may: ['core-types', 'domain'], says: 'cards/ use only core/ types (view models live in core/)' },
  core: { may: ['models', 'domain'], says: 'core/ uses models/' },
  models: { may: ['domain'], says: 'models/ use only core/domain.ts' },
  domain: { may: [], says: 'core/domain.ts imports nothing of ours' },
};

/** `core/domain.ts` → 'domain'; `cards/jobs/x.ts` → 'cards'; outside the layers → undefined. */
function layerOf(file) {
  const rel = path.relative(ROOT, file).split(path.sep);
  if (rel[0] === 'core' && rel.length === 2 && rel[1].replace(/\.ts$/, '') === 'domain') return 'domain';
  return rel[0] in LAYERS ? rel[0] : undefined;
}

function allowed(from, target, targetFile, typeOnly) {
  const may = LAYERS[from].may;
  if (from === target || may.includes('*') || may.includes(target)) return true;
  if (target === 'core' && may.includes('core-types')) {
    const inCore = path.relative(path.join(ROOT, 'core'), targetFile).split(path.sep);
    // The register descriptors (core/registers) are what the cards' words come from, as domain is.
    if (inCore[0] === 'registers') return true;
    return typeOnly || (inCore.length === 1 && fs.existsSync(`${targetFile}.ts`));
  }
  return false;
}

const importsPointDown = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports only point down: bot → dialogs, jobs → cards → core → models → core/domain (STYLE.md).' },
    schema: [],
    messages: {
      layer: `${RULE}: {{from}} may not import {{target}}; {{says}} (STYLE.md, "Imports only point down").`,
    },
  },
  create(context) {
    const file = context.filename;
    const from = layerOf(file);
    if (!from) return {};
    function check(node, source, typeOnly) {
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const targetFile = path.resolve(path.dirname(file), source.value);
      const target = layerOf(targetFile);
      if (!target || allowed(from, target, targetFile, typeOnly)) return;
      context.report({
        node: source,
        messageId: 'layer',
        data: { from: path.relative(ROOT, file), target: path.relative(ROOT, targetFile), says: LAYERS[from].says },
      });
    }
    const allTypes = (node) => node.importKind === 'type' || node.exportKind === 'type' || (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type'));
    return {
      ImportDeclaration: (node) => check(node, node.source, allTypes(node)),
      ExportNamedDeclaration: (node) => check(node, node.source, allTypes(node)),
      ExportAllDeclaration: (node) => check(node, node.source, node.exportKind === 'type'),
      ImportExpression: (node) => check(node, node.source, false),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') check(node, node.arguments[0], false);
      },
    };
  },
};

export const layers = { rules: { 'imports-point-down': importsPointDown } };
