/* Two Linux calls Swift cannot reach directly (pipe2 needs _GNU_SOURCE;
 * prctl is variadic), used by the worker-process machinery. */
#ifndef HARK_SYSTEM_H
#define HARK_SYSTEM_H

/** pipe(2) with both ends close-on-exec from the start. Returns 0 or -1 (errno set). */
int hark_pipe_cloexec(int fds[2]);

/** Ask the kernel to SIGKILL this process when its parent dies (Linux); 0 or -1. */
int hark_die_with_parent(void);

#endif
