import { HOST_SETUP_ROLE, LABEL } from '../../../contracts/labels.ts';
import type { HostSetupSpec } from './lab-spec-types.ts';

export function hostSetupSpec(name: string, labels: Readonly<Record<string, string>>, command: readonly string[]): HostSetupSpec {
  return {
    name,
    image: 'router',
    labels: { ...labels, [LABEL.role]: HOST_SETUP_ROLE },
    capAdd: ['NET_ADMIN', 'NET_RAW'],
    entrypoint: ['/usr/local/bin/lab-bridges'],
    command,
  };
}

/**
 * The lab-bridges command that opens (`accept`) the lab's bridges, or closes (`remove`) them: every
 * rule carries the comment `anycast-lab:<lab>`, so `remove` finds them by the lab's name alone.
 */
export function hostSetupCommand(lab: string, bridges: readonly string[], action: 'accept' | 'remove'): string[] {
  return [action, lab, ...bridges];
}
