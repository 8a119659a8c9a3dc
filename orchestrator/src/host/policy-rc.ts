import { readFileSync, rmSync } from 'node:fs';

/**
 * While setup installs Debian packages as root, /usr/sbin/policy-rc.d (exit 101) keeps their
 * scripts from starting services on the host. Left behind by a setup killed during the install,
 * it would block every service start on the host for good, so the one setup writes carries
 * POLICY_RC_MARKER: setup removes a file with the marker before and after the install (the script
 * also on its own exit), and never touches a policy-rc.d of the host's own.
 */

export const POLICY_RC_PATH = '/usr/sbin/policy-rc.d';
export const POLICY_RC_MARKER = 'anycast-lab setup: blocks service starts while it installs packages; safe to remove';

/** What images/setup/ensure-host-packages.sh reads: where to write the file and the marker it carries. */
export function policyRcEnv(path: string): Record<string, string> {
  return { ANYCAST_LAB_POLICY_RC: path, ANYCAST_LAB_POLICY_RC_MARKER: POLICY_RC_MARKER };
}

/** Removes `path` if it is a policy-rc.d setup wrote (it carries the marker); true when one was removed. */
export function removeOwnPolicyRc(path: string = POLICY_RC_PATH): boolean {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  if (!text.includes(POLICY_RC_MARKER)) return false;
  rmSync(path, { force: true });
  return true;
}
