import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addBinding, bindingPackage, copyPackageClosure } from '../../../infra/bundling/add-duckdb.ts';
import { REPO_ROOT } from '../../../infra/scorecard.ts';

describe('the DuckDB part of a Lambda bundle', () => {
  it.each([
    ['arm64', '@duckdb/node-bindings-linux-arm64'],
    ['x86_64', '@duckdb/node-bindings-linux-x64'],
  ] as const)('uses the glibc binding for %s', (arch, name) => {
    expect(bindingPackage(arch)).toBe(name);
  });

  it('copies @duckdb/node-api with its dependencies, and none of the optional bindings', () => {
    const out = mkdtempSync(join(tmpdir(), 'bundle-'));

    const copied = copyPackageClosure(REPO_ROOT, '@duckdb/node-api', out);

    expect(copied).toEqual(['@duckdb/node-api', '@duckdb/node-bindings', 'detect-libc']);
    expect(readdirSync(join(out, 'node_modules', '@duckdb')).sort()).toEqual(['node-api', 'node-bindings']);
  });

  it('copies the installed binding when it is the function’s CPU', () => {
    const out = mkdtempSync(join(tmpdir(), 'bundle-'));
    const arch = process.arch === 'arm64' ? 'arm64' : 'x86_64';

    expect(addBinding(REPO_ROOT, arch, out)).toEqual({ name: bindingPackage(arch), source: 'node_modules' });
    expect(existsSync(join(out, 'node_modules', bindingPackage(arch), 'duckdb.node'))).toBe(true);
  });

  it('names the package and the fix when a dependency is missing', () => {
    expect(() => copyPackageClosure(mkdtempSync(join(tmpdir(), 'empty-')), '@duckdb/node-api', mkdtempSync(join(tmpdir(), 'b-')))).toThrow(
      /@duckdb\/node-api is not installed .* run npm ci first/,
    );
  });
});
