// Lets a child `node` process run the bot's TypeScript as it is (`node -r tests/support/tsRequire.js bot/index.ts`),
// for tests that need the real server in a process of its own: each file is transpiled alone, as isolatedModules allows.
const fs = require('node:fs');
const ts = require('typescript');

// Node tries extensions in the order they were registered, and a card module sits beside its template of the same name
// (cards/post.ts and cards/post.json): `.ts` goes before `.json`, as TypeScript and Jest resolve them.
const loadJson = require.extensions['.json'];
delete require.extensions['.json'];

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, resolveJsonModule: true },
  });
  module._compile(outputText, filename);
};

require.extensions['.json'] = loadJson;
