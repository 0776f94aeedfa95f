// Parses each PowerShell file named on the command line with the tree-sitter
// PowerShell grammar and fails (exit 1) on any ERROR or MISSING node.
// Usage: node --liftoff-only check_powershell_syntax.cjs GRAMMAR_DIR FILE...
// GRAMMAR_DIR holds node_modules/ with web-tree-sitter and tree-sitter-powershell.
"use strict";
const fs = require("fs");
const path = require("path");

async function main() {
    const [grammarDir, ...files] = process.argv.slice(2);
    const modules = path.resolve(grammarDir, "node_modules");
    const { Parser, Language } = require(path.join(modules, "web-tree-sitter", "web-tree-sitter.cjs"));
    await Parser.init();
    const language = await Language.load(
        path.join(modules, "tree-sitter-powershell", "tree-sitter-powershell.wasm"));
    const parser = new Parser();
    parser.setLanguage(language);
    let failures = 0;
    for (const file of files) {
        const tree = parser.parse(fs.readFileSync(file, "utf8"));
        const problems = [];
        const walk = (node) => {
            if (node.isError || node.isMissing) {
                const where = `${node.startPosition.row + 1}:${node.startPosition.column + 1}`;
                problems.push(`${where} ${node.isMissing ? "MISSING " + node.type : "ERROR"}: ` +
                              JSON.stringify(node.text.slice(0, 80)));
            }
            if (node.hasError || node.isMissing) {
                for (const child of node.children) {
                    walk(child);
                }
            }
        };
        walk(tree.rootNode);
        if (problems.length > 0) {
            failures += 1;
            console.log(`FAIL ${file}`);
            for (const problem of problems) {
                console.log(`  ${problem}`);
            }
        } else {
            console.log(`ok   ${file}`);
        }
    }
    process.exit(failures > 0 ? 1 : 0);
}

main().catch((error) => {
    console.error(error);
    process.exit(2);
});
