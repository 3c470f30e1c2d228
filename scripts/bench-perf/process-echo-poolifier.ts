// The tiny task of the process-dispatch figure for poolifier's cluster pool: echoes its input.
import { ClusterWorker } from 'poolifier';

export default new ClusterWorker((input: unknown) => input);
