// Runs in a short-lived worker thread started by machine-details-probe.ts: reads the machine once, posts one
// MachineReading and ends. Off the main thread because on Linux `si.cpu()` spawns `lscpu` and `dmidecode` and,
// when the model line carries no clock, falls back to an `execSync` of /proc/cpuinfo; loading the package is
// also ~15 ms of module evaluation. Only `cpu()` and `mem()` are called: `currentLoad()` and
// `cpuTemperature()` block on `execSync` and are never needed here.
import { readFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { cpu as readCpu, mem as readMemory } from 'systeminformation';
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
