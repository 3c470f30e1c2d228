import type { ModelName, TaskRecord, TaskState } from './types.ts';

const states: readonly TaskState[] = ['queued', 'running', 'done', 'failed', 'cancelled'];
/** Every model name a ring has stored, by the index its typed array keeps: any model, in order of first use. */
const models: ModelName[] = [];

function modelIndex(model: ModelName): number {
  const index = models.indexOf(model);
  return index >= 0 ? index : models.push(model) - 1;
}

/**
 * The last `capacity` task records, in flat typed arrays indexed by `id % capacity`. No object per record
 * survives: with a ring of objects every record outlived several young-generation GCs, V8 grew its young
 * generation to match, and RSS crept up over a run of millions of tasks.
 */
export class TaskRing {
  readonly capacity: number;
  readonly #ids: Float64Array;
  readonly #states: Uint8Array;
  readonly #models: Uint8Array;
  /** -1 until the task starts. */
  readonly #threads: Int32Array;
  readonly #submittedAt: Float64Array;
  /** NaN until known. */
  readonly #startedAt: Float64Array;
  readonly #endedAt: Float64Array;
  /** NaN when not measured. */
  readonly #cpuMs: Float64Array;
  /** Slices while recorded: count (-1 when not), longest and sum, ms. */
  readonly #slices: Int32Array;
  readonly #longestSliceMs: Float64Array;
  readonly #sliceMs: Float64Array;
  /** Only failed tasks have an entry. */
  readonly #errors = new Map<number, string>();
  #newestId = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`capacity must be a positive integer`);
    this.capacity = capacity;
    this.#ids = new Float64Array(capacity);
    this.#states = new Uint8Array(capacity);
    this.#models = new Uint8Array(capacity);
    this.#threads = new Int32Array(capacity);
    this.#submittedAt = new Float64Array(capacity);
    this.#startedAt = new Float64Array(capacity);
    this.#endedAt = new Float64Array(capacity);
    this.#cpuMs = new Float64Array(capacity);
    this.#slices = new Int32Array(capacity);
    this.#longestSliceMs = new Float64Array(capacity);
    this.#sliceMs = new Float64Array(capacity);
  }

  /** How many records are kept. */
  get length(): number {
    return Math.min(this.#newestId, this.capacity);
  }

  /** Writes a record; ids must grow by one each time. */
  write(record: TaskRecord): void {
    const slot = record.id % this.capacity;
    this.#errors.delete(this.#ids[slot] as number);
    this.#ids[slot] = record.id;
    this.#newestId = record.id;
    this.#fill(slot, record);
  }

  /** Rewrites a record if the ring still holds it (a long-running task may have been overwritten). */
  update(record: TaskRecord): void {
    const slot = record.id % this.capacity;
    if (this.#ids[slot] === record.id) this.#fill(slot, record);
  }

  /** The newest `count` records, newest first, as plain objects. */
  newest(count: number): TaskRecord[] {
    const records: TaskRecord[] = [];
    const oldest = this.#newestId - this.length;
    for (let id = this.#newestId; id > oldest && records.length < count; id--) {
      records.push(this.#read(id % this.capacity));
    }
    return records;
  }

  /** Task `id`'s record as a plain object, if the ring still holds it. */
  find(id: number): TaskRecord | undefined {
    const slot = id % this.capacity;
    return id > 0 && this.#ids[slot] === id ? this.#read(slot) : undefined;
  }

  #fill(slot: number, record: TaskRecord): void {
    this.#states[slot] = states.indexOf(record.state);
    this.#models[slot] = modelIndex(record.model);
    this.#threads[slot] = record.threadId ?? -1;
    this.#submittedAt[slot] = record.submittedAt;
    this.#startedAt[slot] = record.startedAt ?? Number.NaN;
    this.#endedAt[slot] = record.endedAt ?? Number.NaN;
    this.#cpuMs[slot] = record.cpuMs ?? Number.NaN;
    this.#slices[slot] = record.slices ?? -1;
    this.#longestSliceMs[slot] = record.longestSliceMs ?? 0;
    this.#sliceMs[slot] = record.sliceMs ?? 0;
    if (record.error !== undefined) this.#errors.set(record.id, record.error);
  }

  #read(slot: number): TaskRecord {
    const id = this.#ids[slot] as number;
    const record: TaskRecord = {
      id,
      state: states[this.#states[slot] as number] as TaskState,
      model: models[this.#models[slot] as number] as ModelName,
      submittedAt: this.#submittedAt[slot] as number,
    };
    const threadId = this.#threads[slot] as number;
    if (threadId >= 0) record.threadId = threadId;
    const startedAt = this.#startedAt[slot] as number;
    if (!Number.isNaN(startedAt)) record.startedAt = startedAt;
    const endedAt = this.#endedAt[slot] as number;
    if (!Number.isNaN(endedAt)) record.endedAt = endedAt;
    const cpuMs = this.#cpuMs[slot] as number;
    if (!Number.isNaN(cpuMs)) record.cpuMs = cpuMs;
    const slices = this.#slices[slot] as number;
    if (slices >= 0) {
      record.slices = slices;
      record.longestSliceMs = this.#longestSliceMs[slot] as number;
      record.sliceMs = this.#sliceMs[slot] as number;
    }
    const error = this.#errors.get(id);
    if (error !== undefined) record.error = error;
    return record;
  }
}
