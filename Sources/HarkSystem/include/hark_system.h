/* Linux calls Swift cannot reach directly (pipe2 needs _GNU_SOURCE; prctl is
 * variadic; Landlock and seccomp have no libc wrappers), used by the
 * worker-process machinery. */
#ifndef HARK_SYSTEM_H
#define HARK_SYSTEM_H

#include <stddef.h>
#include <stdint.h>

/** pipe(2) with both ends close-on-exec from the start. Returns 0 or -1 (errno set). */
int hark_pipe_cloexec(int fds[2]);

/** Ask the kernel to SIGKILL this process when its parent dies (Linux); 0 or -1. */
int hark_die_with_parent(void);

/** What a sandboxed worker may use. Zero means no limit. */
typedef struct hark_sandbox_limits {
    uint64_t memory_bytes; /* RLIMIT_AS */
    uint64_t cpu_seconds;  /* RLIMIT_CPU */
    /* Nonzero: on a kernel without Landlock, enter the rest of the sandbox
     * (limits, seccomp) instead of failing. */
    int without_landlock;
} hark_sandbox_limits;

/** The Landlock ABI version this kernel offers, 0 when it has none. */
int hark_landlock_abi(void);

/** Confines this process for good: no file writes (RLIMIT_FSIZE 0), the
 * limits given, no_new_privs, not dumpable, no capabilities, Landlock
 * (read-only access to the system's libraries and to `readable`; no TCP; no
 * signals or abstract sockets outside) and a seccomp filter (no sockets, no
 * new processes or programs, no raising limits). Returns the Landlock ABI
 * used (0: none, allowed by `without_landlock`), -2 when the kernel has no
 * Landlock and `without_landlock` is 0, or -1 with a message in `error`. */
int hark_sandbox_enter(const char *const *readable, int readable_count, const hark_sandbox_limits *limits,
                       char *error, size_t error_capacity);

/** pidfd_open(2): a descriptor that polls readable when the process ends; -1 on failure. */
int hark_pidfd_open(int pid);

#endif
