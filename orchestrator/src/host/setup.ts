import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { AnycastLabError } from '../errors.ts';
import { BASE_IMAGE_VARIABLES, BASE_IMAGES, IMAGE_NAMES, imageRef, type ImageName } from '../../../contracts/images.ts';
import { LABEL } from '../../../contracts/labels.ts';
import type { ContainerRuntime } from '../runtime/runtime.ts';
import { PROJECT_ROOT } from '../project-root.ts';
import { POLICY_RC_PATH, policyRcEnv, removeOwnPolicyRc } from './policy-rc.ts';
import type { Progress } from '../progress.ts';

/** Host preparation: a Docker engine that answers, the base images, the lab images. */

const IMAGES_DIR = join(PROJECT_ROOT, 'images');
const CONTEXT_LABEL = LABEL.contextHash;

/** Runs one of images/setup/*.sh; its stderr reaches the user, its stdout too unless `capture` (then it is returned). */
async function runSetupScript(script: string, env: Readonly<Record<string, string>> = {}, capture = false): Promise<{ exitCode: number; stdout: string }> {
  const result = await execa('bash', [join(IMAGES_DIR, 'setup', script)], { stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'], reject: false, env });
  return { exitCode: result.exitCode ?? 1, stdout: capture ? String(result.stdout) : '' };
}

export interface HostPackageOptions {
  /** Where the service-start block goes (tests use a file of their own). */
  readonly policyRcPath?: string;
  /** Extra environment for the script (tests: a PATH with a fake apt-get). */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Debian packages the host needs (installed as root with apt-get; otherwise named). The block on
 * service starts the install puts in place is taken away whatever happens to the install, and one
 * left by an earlier setup that was killed is taken away first.
 */
export async function ensureHostPackages(options: HostPackageOptions = {}): Promise<void> {
  const policyRcPath = options.policyRcPath ?? POLICY_RC_PATH;
  if (removeOwnPolicyRc(policyRcPath)) process.stderr.write(`anycast-lab: removed ${policyRcPath}, left by a setup that was stopped while it installed packages\n`);
  try {
    await runSetupScript('ensure-host-packages.sh', { ...options.env, ...policyRcEnv(policyRcPath) });
  } finally {
    removeOwnPolicyRc(policyRcPath);
  }
}

/** Runs images/setup/ensure-engine.sh: starts (or, as root on Debian, installs) dockerd. */
export async function ensureEngine(): Promise<void> {
  const { exitCode } = await runSetupScript('ensure-engine.sh');
  if (exitCode !== 0) {
    throw new AnycastLabError('ENGINE_UNREACHABLE', `no Docker engine, and images/setup/ensure-engine.sh could not start one (exit ${exitCode}); see the lines above`);
  }
}

/** The files the Dockerfile can see (what images/.dockerignore leaves: no setup/, no sources, no .md), relative to `dir`. */
export function imageContextFiles(dir = IMAGES_DIR): string[] {
  const files: string[] = [];
  const walk = (relative: string): void => {
    for (const entry of readdirSync(join(dir, relative)).sort()) {
      const path = relative === '' ? entry : `${relative}/${entry}`;
      if (statSync(join(dir, path)).isDirectory()) {
        if (entry !== 'setup' && entry !== 'src') walk(path);
      } else if (!entry.endsWith('.md')) {
        files.push(path);
      }
    }
  };
  walk('');
  return files;
}

/** A hash of everything the Dockerfile can see, so a changed context means a rebuild. */
export function imageContextHash(dir = IMAGES_DIR): string {
  const hash = createHash('sha256');
  for (const file of imageContextFiles(dir)) hash.update(`/${file}`).update(readFileSync(join(dir, file)));
  return hash.digest('hex').slice(0, 16);
}

async function imageIsCurrent(runtime: ContainerRuntime, ref: string, contextHash: string): Promise<boolean> {
  return (await runtime.imageLabels(ref))?.[CONTEXT_LABEL] === contextHash;
}


export interface BaseImages {
  readonly debian: string;
  readonly node: string;
}

/** The script's answer (`DEBIAN_IMAGE=...` and `NODE_IMAGE=...` lines) as the images to build from. */
export function parseBaseImages(stdout: string): BaseImages {
  const value = (key: string): string | undefined => stdout.split('\n').find((line) => line.startsWith(`${key}=`))?.slice(key.length + 1).trim();
  const debian = value('DEBIAN_IMAGE');
  const node = value('NODE_IMAGE');
  if (!debian || !node) throw new AnycastLabError('IMAGE_BUILD_FAILED', `images/setup/make-base-images.sh did not say which base images to use (got: ${stdout.trim().slice(0, 200) || 'nothing'})`);
  return { debian, node };
}

/** Runs images/setup/make-base-images.sh: the official base images if here or pullable, else the project's own (made once). */
export async function provideBaseImages(): Promise<BaseImages> {
  const { exitCode, stdout } = await runSetupScript('make-base-images.sh', { NODE_TAG: BASE_IMAGES.node }, true);
  if (exitCode !== 0) throw new AnycastLabError('IMAGE_BUILD_FAILED', `images/setup/make-base-images.sh failed (exit ${exitCode}); see the lines above`);
  return parseBaseImages(stdout);
}

/** Provides the base images (official, or made here), then builds every lab image (of `images`) not current. */
export async function ensureImages(
  runtime: ContainerRuntime,
  progress: Progress,
  images: readonly ImageName[] = IMAGE_NAMES,
  baseImages: () => Promise<BaseImages> = provideBaseImages,
): Promise<void> {
  const files = imageContextFiles();
  const contextHash = imageContextHash();
  const stale: ImageName[] = [];
  for (const name of IMAGE_NAMES.filter((n) => images.includes(n))) if (!(await imageIsCurrent(runtime, imageRef(name), contextHash))) stale.push(name);
  if (stale.length === 0) return;
  progress.step('base images');
  const base = await baseImages();
  if (base.debian !== BASE_IMAGES.debian || base.node !== BASE_IMAGES.node) {
    progress.warn(`no registry answered: the images are built from ${base.debian} and ${base.node}, made here; for \`docker compose build\` of a rendered file set ${BASE_IMAGE_VARIABLES.debian}=${base.debian} ${BASE_IMAGE_VARIABLES.node}=${base.node}`);
  }
  for (const [i, name] of stale.entries()) {
    progress.step(`building image ${imageRef(name)} (${i + 1}/${stale.length})`);
    await runtime.buildImage({
      contextDir: IMAGES_DIR,
      files,
      target: name,
      tag: imageRef(name),
      buildArgs: { NODE_IMAGE: base.node, DEBIAN_IMAGE: base.debian },
      labels: { [CONTEXT_LABEL]: contextHash },
    });
  }
}
