/**
 * Every property name the SDK could read or write through a prototype, harvested from src/ (the TypeScript
 * syntax tree of each file: property accesses, destructuring keys, string-literal element accesses, object
 * literal keys, `in` tests, class members) and from the README (option names in backticks, environment
 * variables). The prototype-pollution property check plants these on Object.prototype / Array.prototype.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * Names a polluted prototype cannot hold without breaking the JavaScript platform itself (promises, JSON, the
 * module loader, Node's streams and the test runner read them from every object), and the names the prototypes
 * already own (`toString`, `length`): planting those is no pollution a library could shield itself from.
 */
const PLATFORM = new Set([
  'then', 'toJSON', 'constructor', 'prototype', '__proto__', 'caller', 'callee', 'arguments', 'name', 'message', 'stack', 'cause',
  'length', 'default', 'get', 'set', 'value', 'writable', 'enumerable', 'configurable', 'done', 'next', 'return', 'throw',
]);

/** The names read or written by one source file. */
function namesOf(file: string, into: Set<string>): void {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const keyName = (name: ts.PropertyName | ts.BindingName | undefined): void => {
    if (name === undefined) return;
    if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name) === false && ts.isNoSubstitutionTemplateLiteral(name as ts.Node)) {
      into.add((name as ts.Identifier | ts.StringLiteral).text);
    } else if (ts.isComputedPropertyName(name) && (ts.isStringLiteral(name.expression) || ts.isNumericLiteral(name.expression))) {
      into.add(name.expression.text);
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.name)) into.add(node.name.text);
    else if (ts.isElementAccessExpression(node) && (ts.isStringLiteral(node.argumentExpression) || ts.isNumericLiteral(node.argumentExpression) || ts.isNoSubstitutionTemplateLiteral(node.argumentExpression))) {
      into.add(node.argumentExpression.text);
    } else if (ts.isBindingElement(node)) {
      // `const { a, b: c } = x`: the key read is `a` / `b`
      if (node.propertyName !== undefined) keyName(node.propertyName);
      else if (ts.isIdentifier(node.name) && ts.isObjectBindingPattern(node.parent)) into.add(node.name.text);
    } else if (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node) || ts.isMethodDeclaration(node) || ts.isPropertyDeclaration(node)
      || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node) || ts.isPropertySignature(node) || ts.isMethodSignature(node)) {
      keyName(node.name);
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.InKeyword && ts.isStringLiteral(node.left)) {
      into.add(node.left.text);
    } else if (ts.isCallExpression(node) && node.arguments.length >= 2 && ts.isStringLiteral(node.arguments[1] as ts.Node)) {
      // Object.hasOwn(x, 'k'), Reflect.get(x, 'k'), own(x, 'k'): the second argument names a property
      into.add((node.arguments[1] as ts.StringLiteral).text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (entry.name.endsWith('.ts')) out.push(full);
  }
  return out.sort();
}

/** Option and variable names the README documents: backticked identifiers (`allowInsecureTls`, `auth.username`) and `OPENSEARCH_*` / `COGNITO_*` / `AWS_*` variables. */
function readmeNames(into: Set<string>): void {
  const text = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  for (const m of text.matchAll(/`([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\??`/g)) for (const part of (m[1] as string).split('.')) into.add(part);
  for (const m of text.matchAll(/\b((?:OPENSEARCH|COGNITO|AWS|FGAC)_[A-Z0-9_]+)\b/g)) into.add(m[1] as string);
}

/** Whether `name` may be planted: not a platform name, not one the prototypes already own, a sane identifier-ish key. */
function plantable(name: string): boolean {
  if (PLATFORM.has(name) || name.length === 0 || name.length > 60) return false;
  if (name in Object.prototype || name in Array.prototype || name in Function.prototype) return false;
  return /^[\w$@.:-]+$/.test(name);
}

/** The harvested names (sorted, de-duplicated, plantable only); `numeric` are the index-like ones (`0`, `1`) read from lists. */
export function harvestNames(): { names: string[]; numeric: string[] } {
  const all = new Set<string>();
  for (const file of sourceFiles(path.join(ROOT, 'src'))) namesOf(file, all);
  readmeNames(all);
  const names = [...all].filter(plantable).sort();
  return { names, numeric: names.filter((n) => /^\d+$/.test(n)) };
}
