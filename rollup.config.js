// Browser builds: the snippet, the SDK for script tags and for npm, the lazy widgets chunk,
// and the console. Server code runs from source (see bin/uptake.js) and is not bundled here.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

const plugins = (target = 'es2020') => [
  nodeResolve({ browser: true, extensions: ['.ts', '.tsx', '.js'] }),
  esbuild({ target, jsx: 'automatic', jsxImportSource: 'preact', tsconfig: 'tsconfig.json' }),
  terser({
    ecma: 2020,
    module: true,
    compress: { passes: 3, pure_getters: true },
    // Private members are named _likeThis so they can be shortened; `__x` and `_$x` stay intact.
    mangle: { properties: { regex: /^_[a-z]/ } },
    format: { comments: false },
  }),
];

const quiet = (warning, warn) => {
  // The script-tag bundle loads the widgets chunk from a runtime URL on purpose.
  if (warning.code === 'UNRESOLVED_IMPORT' || warning.message.includes('dynamic import')) return;
  warn(warning);
};

export default [
  { input: 'sdk/loader.ts', output: { file: 'dist/sdk/loader.js', format: 'iife' }, plugins: plugins('es2017') },
  { input: 'sdk/index.ts', output: { file: 'dist/sdk/uptake.js', format: 'iife' }, plugins: plugins(), onwarn: quiet },
  { input: 'sdk/widgets/index.ts', output: { file: 'dist/sdk/widgets.js', format: 'es' }, plugins: plugins() },
  { input: 'sdk/npm.ts', output: { dir: 'dist/esm', format: 'es', entryFileNames: 'index.js', chunkFileNames: '[name]-[hash].js' }, plugins: plugins() },
  { input: 'server/console/main.tsx', output: { file: 'dist/console/console.js', format: 'es' }, plugins: plugins() },
];
