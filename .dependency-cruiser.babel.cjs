// How dependency-cruiser reads our TypeScript. TypeScript 7 has no JavaScript compiler API, so
// dependency-cruiser's own TypeScript path cannot run, and its swc parser rejects JSX in .tsx files
// (docs/adr/0008-dependency-rules.md). Babel strips the types and compiles JSX; first, every type-only
// import or re-export becomes a bare `import 'x'`, because a layer that needs another's types depends on it.

function keepTypeOnlyImports({ types: t }) {
  const bare = (path) => path.replaceWith(t.importDeclaration([], t.stringLiteral(path.node.source.value)));
  const typeOnly = (node) =>
    node.importKind === 'type' ||
    node.exportKind === 'type' ||
    (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type'));
  const typeOnlyStatement = (node) =>
    (t.isImportDeclaration(node) && typeOnly(node)) ||
    (t.isExportNamedDeclaration(node) && node.source && typeOnly(node)) ||
    (t.isExportAllDeclaration(node) && node.exportKind === 'type');
  return {
    name: 'keep-type-only-imports',
    visitor: {
      // On entering the program, before the TypeScript plugin (which strips type imports there) runs.
      Program(program) {
        for (const statement of program.get('body')) if (typeOnlyStatement(statement.node)) bare(statement);
      },
    },
  };
}

module.exports = {
  babelrc: false,
  configFile: false,
  // Resolved from here, so the checker also runs on a tree outside the repository (test/check/).
  plugins: [
    keepTypeOnlyImports,
    [require.resolve('@babel/plugin-transform-react-jsx'), { runtime: 'automatic', importSource: 'preact' }],
  ],
  presets: [[require.resolve('@babel/preset-typescript'), { allowDeclareFields: true, onlyRemoveTypeImports: true }]],
};
