import { allocation } from './allocation.ts';
import { asyncScale } from './async-scale.ts';
import { cpuSteady } from './cpu-steady.ts';
import { dashboardOverhead } from './dashboard-overhead.ts';
import { dispatchCost } from './dispatch-cost.ts';
import type { Figure } from './figure.ts';
import { fileDispatch } from './file-dispatch.ts';
import { histogramCost } from './histogram-cost.ts';
import { idleCost } from './idle-cost.ts';
import { lagAccuracy } from './lag-accuracy.ts';
import { memoryOverTime } from './memory-over-time.ts';
import { parallelSpeedup } from './parallel-speedup.ts';
import { processDispatch } from './process-dispatch.ts';
import { recordOverhead } from './record-overhead.ts';
import { reloadBlock } from './reload-block.ts';
import { renderCost } from './render-cost.ts';
import { settling } from './settling.ts';
import { sliceOverhead } from './slice-overhead.ts';
import { startup } from './startup.ts';
import { taskTimeoutCost } from './task-timeout-cost.ts';
import { threadChange } from './thread-change.ts';

/** Every figure, in the order of the table. */
export const figures: readonly Figure[] = [
  parallelSpeedup,
  dashboardOverhead,
  idleCost,
  asyncScale,
  allocation,
  histogramCost,
  dispatchCost,
  startup,
  memoryOverTime,
  lagAccuracy,
  renderCost,
  settling,
  threadChange,
  processDispatch,
  taskTimeoutCost,
  reloadBlock,
  fileDispatch,
  sliceOverhead,
  cpuSteady,
  recordOverhead,
];

export function findFigure(name: string): Figure | undefined {
  return figures.find((figure) => figure.name === name);
}
