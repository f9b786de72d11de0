/**
 * Architecture rules, checked by `npm run lint` (depcruise). The layers:
 *   core/      pure domain code: runs unchanged in Node, Electron's main process, the renderer and web workers
 *   main/      the Node + Electron shell (files, threads, IPC, CLI, web server)
 *   renderer/  the React + three.js UI
 * core/ is the bottom layer; main/ and renderer/ both build on it and never on each other (they talk over IPC or
 * HTTP through core/api/index.ts's types). Type-only imports count too (tsPreCompilationDeps), because a type import of
 * a layer above still couples the code to it.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      // Node built-ins ('node:fs', 'path', 'worker_threads', ...) tie core/ to Node; the renderer and web workers
      // run core/ too. File and thread access belongs in main/.
      name: 'core-not-to-node-builtins',
      severity: 'error',
      comment: 'core/ must stay free of Node built-in modules (node:*, fs, path, ...): it also runs in the renderer.',
      from: { path: '^core/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      // core/ is the bottom layer: it knows nothing of the shell or the UI built on it.
      name: 'core-not-to-main-or-renderer',
      severity: 'error',
      comment: 'core/ must not import main/ or renderer/ (the layers above it).',
      from: { path: '^core/' },
      to: { path: '^(main|renderer)/' },
    },
    {
      // UI and shell packages (and their @types) need a DOM, a WebGL context or Electron; core/ must run in plain
      // Node and in workers without them.
      name: 'core-not-to-dom-or-electron-packages',
      severity: 'error',
      comment: 'core/ must not import react, react-dom, three, @react-three/*, electron or zustand.',
      from: { path: '^core/' },
      to: { path: '(^|/)node_modules/(@types/)?(react|react-dom|three|@react-three/[^/]+|electron|zustand)/' },
    },
    {
      // The renderer reaches main/ only through the API (IPC in Electron, HTTP on the web): importing main/ would
      // pull Node and Electron code into the browser bundle.
      name: 'renderer-not-to-main',
      severity: 'error',
      comment: 'renderer/ must not import main/; use core/api/index.ts types and the api client.',
      from: { path: '^renderer/' },
      to: { path: '^main/' },
    },
    {
      // The shell serves the renderer's built files; it never imports its source.
      name: 'main-not-to-renderer',
      severity: 'error',
      comment: 'main/ must not import renderer/.',
      from: { path: '^main/' },
      to: { path: '^renderer/' },
    },
    {
      // No import cycles anywhere, type-only imports included. The one narrow exception: the zustand store, where
      // renderer/src/store/index.ts composes the *-slice.ts files and each slice needs the combined `Store` type
      // back from index.ts (zustand's StateCreator<Store, ...> pattern). Cycles made only of those files are
      // allowed; any cycle that also passes through another module is still reported, and the next rule keeps the
      // slices' imports of index.ts type-only.
      name: 'no-circular',
      severity: 'error',
      comment:
        'Import cycle (type-only imports count). Move the shared types or the higher-level entry point into its own module.',
      from: {},
      to: {
        circular: true,
        viaSomeNot: '^renderer/src/store/(index|[^/]+-slice)[.]ts$',
      },
    },
    {
      // The exception above holds only for type-only imports of the store index from its slices.
      name: 'store-slices-import-index-types-only',
      severity: 'error',
      comment: 'renderer/src/store/*-slice.ts may import the store index only with `import type` (for the Store type).',
      from: { path: '^renderer/src/store/[^/]+-slice[.]ts$' },
      to: { path: '^renderer/src/store/index[.]ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      // An import that cannot be resolved is a typo or a missing package, and would also escape every rule above.
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'This import cannot be resolved.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|release|coverage)/' },
    // Count `import type` and type-only re-exports as dependencies: they couple modules just the same.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
