import { stringify } from 'yaml';
import { EDGE_ADMIN_PATHS } from '../../../contracts/edge-admin.ts';
import { PORTS } from '../../../contracts/ports.ts';
import { monitoringAddress } from '../plan/monitoring-address.ts';
import type { AddressPlan, NodeRole, PlannedNode } from '../plan/types.ts';

/**
 * What the lab's Prometheus scrapes, from the plan alone (pure): every router's BGP exporter
 * (images/frr-exporter), every edge server's /metrics (admin port), and Prometheus itself, all on
 * the management network. The probe/bot agents and the origin serve no metrics, so they are not
 * targets. Each target carries the node's name, role and group as labels.
 */

/** 5 s: one local vtysh per router per scrape is cheap, and BFD (100 ms x 3) keeps its CPU. */
export const SCRAPE_INTERVAL_S = 5;

export interface ScrapeTarget {
  readonly address: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface ScrapeJob {
  readonly job: string;
  readonly path: string;
  readonly targets: readonly ScrapeTarget[];
}

const EXPORTER_ROLES: ReadonlySet<NodeRole> = new Set(['transit', 'pop-router', 'access-router']);

function target(node: PlannedNode, port: number): ScrapeTarget {
  return {
    address: `${node.mgmtAddress}:${port}`,
    labels: { node: node.name, role: node.role, ...(node.group ? { group: node.group } : {}) },
  };
}

export function scrapeJobs(plan: AddressPlan): ScrapeJob[] {
  return [
    { job: 'prometheus', path: '/metrics', targets: [{ address: `${monitoringAddress(plan)}:${PORTS.prometheus}`, labels: { node: 'prometheus', role: 'monitoring' } }] },
    { job: 'frr', path: '/metrics', targets: plan.nodes.filter((n) => EXPORTER_ROLES.has(n.role)).map((n) => target(n, PORTS.frrExporter)) },
    { job: 'edge', path: EDGE_ADMIN_PATHS.metrics, targets: plan.nodes.filter((n) => n.role === 'edge').map((n) => target(n, PORTS.edgeAdmin)) },
  ].filter((j) => j.targets.length > 0);
}

/** prometheus.yml for the lab (handed to the container in PROMETHEUS_CONFIG). */
export function renderPrometheusConfig(plan: AddressPlan): string {
  const config = {
    global: {
      scrape_interval: `${SCRAPE_INTERVAL_S}s`,
      scrape_timeout: `${SCRAPE_INTERVAL_S - 1}s`,
      evaluation_interval: `${SCRAPE_INTERVAL_S}s`,
      external_labels: { lab: plan.lab },
    },
    scrape_configs: scrapeJobs(plan).map((j) => ({
      job_name: j.job,
      metrics_path: j.path,
      static_configs: j.targets.map((t) => ({ targets: [t.address], labels: { ...t.labels } })),
    })),
  };
  return `# Rendered by anycast-lab from the plan of lab ${plan.lab}.\n${stringify(config, { lineWidth: 0 })}`;
}
