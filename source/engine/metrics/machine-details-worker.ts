// Runs in a short-lived worker thread started by machine-details-probe.ts: reads the machine once, posts one
// MachineReading and ends. Off the main thread because on Linux `si.cpu()` spawns `lscpu` and `dmidecode` and,
// when the model line carries no clock, falls back to an `execSync` of /proc/cpuinfo; loading the package is
// also ~15 ms of module evaluation. Only `cpu()` and `mem()` are called: `currentLoad()` and
// `cpuTemperature()` block on `execSync` and are never needed here.
import { readFile } from 'node:fs/promises';
import { cpus, setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import type { MachineReading } from './machine-details.ts';

async function readOrUndefined(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

async function governors(): Promise<string[]> {
  const files = Array.from(
    { length: cpus().length },
    (_, core) => `/sys/devices/system/cpu/cpu${core}/cpufreq/scaling_governor`,
  );
  const read = await Promise.all(files.map(readOrUndefined));
  return read.filter((text): text is string => text !== undefined);
}

async function readMachine(): Promise<MachineReading> {
  // On Linux a priority applies to the calling thread and is inherited by the processes it spawns: at the
  // lowest, this thread, lscpu and dmidecode take no core time the dashboard's main thread wants.
  try {
    setPriority(0, 19);
  } catch {
    // Not allowed here: read at normal priority.
  }
  // Loaded after the priority is set: evaluating the package is most of this thread's own work.
  const loaded = await import('systeminformation');
  // Node gives a CommonJS package's named exports; the bundle gives only its `default`.
  const { cpu: readCpu, mem: readMemory } = loaded.default ?? loaded;
  const [cpu, memory, perCore, cpuinfo] = await Promise.all([
    readCpu(),
    readMemory(),
    governors(),
    readOrUndefined('/proc/cpuinfo'),
  ]);
  return {
    cpu: {
      cores: cpu.cores,
      physicalCores: cpu.physicalCores,
      performanceCores: cpu.performanceCores,
      efficiencyCores: cpu.efficiencyCores,
      speed: cpu.speed,
      speedMax: cpu.speedMax,
      governor: cpu.governor,
    },
    memory: { available: memory.available },
    governors: perCore,
    ...(cpuinfo === undefined ? {} : { cpuinfo }),
  };
}

readMachine().then(
  (reading) => parentPort?.postMessage(reading),
  () => parentPort?.postMessage({}),
);
