// The tiny task of the process-dispatch figure over a bare child_process.fork IPC channel: echoes each message.
process.on('message', (message) => {
  (process.send as (message: unknown) => boolean)(message);
});
