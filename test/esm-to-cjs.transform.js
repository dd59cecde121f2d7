/**
 * NestJS 12 (and a few of its dependencies) ship ES modules only. Node 20.19+ loads them from CommonJS
 * with require(esm), which is how the built app runs; Jest's module system cannot until Node 24.9. So for
 * tests only, these packages are transpiled to CommonJS, with the two ESM-only idioms they use mapped to
 * their CommonJS equivalents (`createRequire(import.meta.url)` → the module's own require).
 */
const { createHash } = require('node:crypto');
const ts = require('typescript');

const options = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  allowJs: true,
  esModuleInterop: true,
  sourceMap: false,
  inlineSourceMap: false,
};

module.exports = {
  process(source, filename) {
    const code = source
      .replace(/const require = createRequire\(import\.meta\.url\);?/g, '')
      .replace(/import\.meta\.url/g, "require('node:url').pathToFileURL(__filename).href")
      .replace(/import\.meta\.dirname/g, '__dirname')
      .replace(/import\.meta\.filename/g, '__filename')
      .replace(/import\.meta\.resolve\(/g, 'require.resolve(')
      .replace(/import\.meta\b/g, "({ url: require('node:url').pathToFileURL(__filename).href, dirname: __dirname, filename: __filename })");
    return { code: ts.transpileModule(code, { compilerOptions: options, fileName: filename }).outputText };
  },
  getCacheKey(source, filename) {
    return createHash('sha1').update('esm-to-cjs-v2').update(ts.version).update(filename).update(source).digest('hex');
  },
};
