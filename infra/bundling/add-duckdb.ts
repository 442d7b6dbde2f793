import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The Lambda CPU, as CDK and the config name it. */
export type LambdaArch = 'arm64' | 'x86_64';

/** The glibc build of DuckDB's native binding for a Lambda CPU (Lambda runs Amazon Linux 2023, glibc). */
export function bindingPackage(arch: LambdaArch): string {
  return arch === 'arm64' ? '@duckdb/node-bindings-linux-arm64' : '@duckdb/node-bindings-linux-x64';
}

interface PackageJson {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
}

function readPackage(dir: string): PackageJson {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
}

/**
 * Copies `name` and its dependencies (not its optional ones: those are the
 * bindings of every other platform) from the project's node_modules.
 */
export function copyPackageClosure(projectRoot: string, name: string, outDir: string, seen = new Set<string>()): string[] {
  if (seen.has(name)) return [];
  seen.add(name);
  const from = join(projectRoot, 'node_modules', name);
  if (!existsSync(join(from, 'package.json'))) {
    throw new Error(`${name} is not installed in ${projectRoot}/node_modules: run npm ci first`);
  }
  cpSync(from, join(outDir, 'node_modules', name), { recursive: true, dereference: true });
  const copied = [name];
  for (const dependency of Object.keys(readPackage(from).dependencies ?? {})) {
    copied.push(...copyPackageClosure(projectRoot, dependency, outDir, seen));
  }
  return copied;
}

/** The lockfile's integrity of an installed-or-not package, to check a downloaded tarball against. */
function lockIntegrity(projectRoot: string, name: string): string | undefined {
  try {
    const lock = JSON.parse(readFileSync(join(projectRoot, 'package-lock.json'), 'utf8')) as {
      packages?: Record<string, { integrity?: string }>;
    };
    return lock.packages?.[`node_modules/${name}`]?.integrity;
  } catch {
    return undefined;
  }
}

/**
 * Puts the binding for `arch` into the bundle. When `npm ci` installed it
 * (the machine has the Lambda's CPU) it is copied; otherwise npm fetches
 * its tarball from the configured registry, or from npm's cache with no
 * network once it has been fetched, and the lockfile's hash is checked.
 * The binding's version is always the one of the installed
 * `@duckdb/node-bindings`.
 */
export function addBinding(projectRoot: string, arch: LambdaArch, outDir: string): { name: string; source: 'node_modules' | 'npm' } {
  const name = bindingPackage(arch);
  const version = readPackage(join(projectRoot, 'node_modules', '@duckdb', 'node-bindings')).version;
  const target = join(outDir, 'node_modules', name);
  const installed = join(projectRoot, 'node_modules', name);
  if (existsSync(join(installed, 'package.json')) && readPackage(installed).version === version) {
    cpSync(installed, target, { recursive: true, dereference: true });
    return { name, source: 'node_modules' };
  }
  const work = mkdtempSync(join(tmpdir(), 'duckdb-binding-'));
  try {
    let output: string;
    try {
      output = execFileSync('npm', ['pack', `${name}@${version}`, '--pack-destination', work, '--json', '--prefer-offline'], {
        cwd: work,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      throw new Error(
        `cannot get ${name}@${version} for ${arch} Lambda functions from npm (registry or cache): ${(error as Error).message}\n` +
          `  fetch it once with network: npm cache add ${name}@${version}\n` +
          '  or set aws.lambdaArchitecture in scorecard.config.json to the CPU of this machine',
        { cause: error },
      );
    }
    const [packed] = JSON.parse(output) as { filename: string }[];
    if (!packed) throw new Error(`npm pack ${name}@${version} returned nothing`);
    const tarball = join(work, packed.filename);
    const expected = lockIntegrity(projectRoot, name);
    const actual = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
    if (expected && expected !== actual) {
      throw new Error(`${name}@${version}: the tarball's hash ${actual} is not the lockfile's ${expected}`);
    }
    mkdirSync(target, { recursive: true });
    execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
    return { name, source: 'npm' };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Completes a Lambda bundle whose esbuild step left `@duckdb/node-api` out
 * (its binding loads a `.node` file with a dynamic `require`): copies the
 * package with its dependencies, the native binding for the function's CPU
 * and the `sql/` folder the stages read.
 *
 * @example
 * // as NodejsFunction's afterBundling hook:
 * // npx tsx infra/bundling/add-duckdb.ts /work/main /tmp/bundle x86_64
 * completeDuckDbBundle('/work/main', '/tmp/bundle', 'x86_64');
 */
export function completeDuckDbBundle(projectRoot: string, outDir: string, arch: LambdaArch): string[] {
  const copied = copyPackageClosure(projectRoot, '@duckdb/node-api', outDir);
  const binding = addBinding(projectRoot, arch, outDir);
  cpSync(join(projectRoot, 'sql'), join(outDir, 'sql'), { recursive: true });
  return [...copied, `${binding.name} (from ${binding.source})`, 'sql/'];
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const [projectRoot, outDir, arch] = process.argv.slice(2);
  if (!projectRoot || !outDir || (arch !== 'arm64' && arch !== 'x86_64')) {
    process.stderr.write('usage: npx tsx infra/bundling/add-duckdb.ts <project root> <bundle folder> <arm64|x86_64>\n');
    process.exit(2);
  }
  const added = completeDuckDbBundle(projectRoot, outDir, arch);
  process.stderr.write(`duckdb bundle for ${arch}: ${added.join(', ')}\n`);
}
