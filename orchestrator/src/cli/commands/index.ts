import type { CommandSpec } from '../command.ts';
import { attackCommand } from './attack.ts';
import { chaosCommand } from './chaos.ts';
import { dashboardCommand } from './dashboard.ts';
import { composeCommand } from './compose.ts';
import { downCommand } from './down.ts';
import { explainCommand } from './explain.ts';
import { faultCommand } from './fault.ts';
import { graphCommand } from './graph.ts';
import { lessonCommand } from './lesson.ts';
import { bundleCommand, setupCommand } from './setup.ts';
import { reportCommand } from './report.ts';
import { statusCommand } from './status.ts';
import { upCommand } from './up.ts';
import { validateCommand } from './validate.ts';

/** Every command, in the order the overview lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  upCommand,
  statusCommand,
  explainCommand,
  downCommand,
  validateCommand,
  composeCommand,
  chaosCommand,
  faultCommand,
  reportCommand,
  attackCommand,
  graphCommand,
  dashboardCommand,
  lessonCommand,
  setupCommand,
  bundleCommand,
];
