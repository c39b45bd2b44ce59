// ESLint: TypeScript rules plus the layer rules of DESIGN §3, enforced fail-closed: a source file
// that no layer covers is itself an error, so a new folder cannot slip past the import rules.
import js from '@eslint/js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const NODE_ONLY_PACKAGES = new Set(['electron', 'better-sqlite3', 'keytar', 'ws', 'mqtt', 'aedes', 'imapflow', 'nodemailer', 'mailparser', 'pino']);

/** Which layer a repo-relative path belongs to, or null when no rule covers it. */
export function layerOf(rel) {
  const p = rel.split(path.sep).join('/');
  if (p.startsWith('src-shared/')) return 'shared';
  if (p.startsWith('src-renderer/api/')) return 'renderer-api';
  if (/^src-renderer\/features\/[^/]+\//.test(p)) return 'renderer-feature';
  if (/^src-renderer\/(app|ui|i18n|styles)\//.test(p) || /^src-renderer\/[^/]+\.(tsx?|css)$/.test(p)) return 'renderer';
  if (p.startsWith('src-main/core/db/')) return 'core-db';
  if (p.startsWith('src-main/core/')) return 'core';
  if (p.startsWith('src-main/electron/')) return 'electron';
  if (p.startsWith('src-main/web/')) return 'web';
  if (p.startsWith('src-main/demo/')) return 'demo';
  return null;
}

function packageName(spec) {
  if (spec.startsWith('node:')) return spec;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function checkImport(fromRel, spec) {
  const from = layerOf(fromRel);
  if (from === null) return null; // tests and config files are outside the layers
  const isRelative = spec.startsWith('.');
  const targetRel = isRelative ? path.relative(ROOT, path.resolve(ROOT, path.dirname(fromRel), spec)).split(path.sep).join('/') : null;
  const target = targetRel === null ? null : layerOf(targetRel);
  const pkg = isRelative ? null : packageName(spec);

  if (targetRel !== null && target === null && !targetRel.startsWith('src-')) return `imports ${targetRel}, outside the source layers`;
  switch (from) {
    case 'shared':
      if (target !== null && target !== 'shared') return 'src-shared imports nothing but itself and zod';
      if (pkg !== null && pkg !== 'zod') return `src-shared imports nothing but itself and zod (found "${spec}")`;
      return null;
    case 'renderer':
    case 'renderer-api':
    case 'renderer-feature':
      if (target !== null && !target.startsWith('renderer') && target !== 'shared') return 'src-renderer imports src-shared and browser libraries only';
      if (pkg !== null && (NODE_BUILTINS.has(pkg) || NODE_ONLY_PACKAGES.has(pkg))) return `src-renderer cannot import the Node-only module "${spec}"`;
      if (from === 'renderer-feature' && target === 'renderer-feature') {
        const own = fromRel.split('/')[2];
        const [, , other, ...rest] = targetRel.split('/');
        if (other !== own && !((rest.length === 1 && /^index(\.tsx?)?$/.test(rest[0] ?? '')) || rest.length === 0)) return `features import each other only through their index.ts (found "${spec}")`;
      }
      return null;
    case 'core':
    case 'core-db':
      if (target !== null && !['core', 'core-db', 'shared'].includes(target)) return `core never imports ${target} code`;
      if (pkg === 'electron') return 'core never imports electron';
      if (pkg === 'better-sqlite3' && from !== 'core-db') return 'only src-main/core/db imports better-sqlite3';
      return null;
    case 'electron':
    case 'web':
      if (target === 'core' && !/^src-main\/core\/rpc\/(core-client|wire)(\.ts)?$/.test(targetRel)) return 'shells import core only through its RPC entry (src-main/core/rpc/core-client)';
      if (target === 'core-db') return 'shells never touch the database';
      if (target !== null && target.startsWith('renderer')) return 'shells do not import renderer code';
      if (target === 'demo' && !/^src-main\/demo\/index(\.ts)?$/.test(targetRel)) return 'shells start the demo helpdesk through src-main/demo/index only';
      if (from === 'web' && pkg === 'electron') return 'the web host never imports electron';
      return null;
    case 'demo':
      if (target !== null && target !== 'demo' && target !== 'shared') return 'src-main/demo imports only src-shared (it is a separate program)';
      // The embedded presence broker is the one file that may load aedes.
      if (pkg === 'aedes' && /^src-main\/demo\/presence-broker\.ts$/.test(fromRel)) return null;
      if (pkg !== null && !NODE_BUILTINS.has(pkg) && pkg !== 'zod') return `src-main/demo imports only node built-ins and src-shared (found "${spec}")`;
      return null;
    default:
      return null;
  }
}

const layersPlugin = {
  rules: {
    layers: {
      meta: { type: 'problem', schema: [] },
      create(context) {
        const rel = path.relative(ROOT, context.filename).split(path.sep).join('/');
        const covered = !rel.startsWith('src-') || layerOf(rel) !== null;
        const check = (node, source) => {
          if (!source || typeof source.value !== 'string') return;
          const problem = checkImport(rel, source.value);
          if (problem) context.report({ node, message: `Layer rule: ${problem}.` });
        };
        return {
          Program(node) {
            if (!covered) context.report({ node, message: `Layer rule: no layer rule covers ${rel}; add it to eslint.config.js (DESIGN §3).` });
          },
          ImportDeclaration: (node) => check(node, node.source),
          ExportNamedDeclaration: (node) => check(node, node.source),
          ExportAllDeclaration: (node) => check(node, node.source),
          ImportExpression: (node) => check(node, node.source),
        };
      },
    },
  },
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'test-results/**', 'playwright-report/**', 'tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { shiftdesk: layersPlugin },
    rules: {
      'shiftdesk/layers': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
