// Parses a large JSON document: pure CPU on the thread that calls JSON.parse, and JSON.parse cannot yield.
// concur-tui --workload ./examples/parse-json.js   (then w, p, a to compare the models)

/** One JSON text per size, built on first use in each thread or process (each has its own memory). */
const documents = new Map();

function documentOf(kilobytes) {
  let text = documents.get(kilobytes);
  if (text === undefined) {
    const records = [];
    let length = 2;
    for (let id = 0; length < kilobytes * 1024; id++) {
      const record = {
        id,
        name: `customer-${id}`,
        email: `customer-${id}@example.com`,
        active: id % 3 !== 0,
        balance: Math.round(((id * 7919) % 100_000) * 100) / 100,
        tags: ['retail', id % 2 === 0 ? 'priority' : 'standard'],
        address: { street: `${id} Main Street`, city: 'Springfield', zip: String(10_000 + (id % 90_000)) },
      };
      records.push(record);
      length += JSON.stringify(record).length + 1;
    }
    text = JSON.stringify({ generatedBy: 'parse-json example', records });
    documents.set(kilobytes, text);
  }
  return text;
}

/** @type {import('concur-tui').Workload} */
export default {
  name: 'parse-json',
  kind: 'cpu',
  description: 'JSON.parse of a large document: CPU on the calling thread, in one piece that cannot yield',
  knobs: [
    {
      name: 'size',
      description: 'Size of the JSON document each task parses (the default takes about 20 ms)',
      unit: 'KB',
      default: 4096,
      min: 1,
      max: 65_536,
    },
  ],
  run(input) {
    const parsed = JSON.parse(documentOf(input.knobs.size));
    return parsed.records.length;
  },
};
