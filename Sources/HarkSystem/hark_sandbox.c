/* The worker's sandbox: limits, Landlock and a seccomp filter, entered once
 * before a plugin's library is opened (its constructors run at dlopen).
 * Raw syscalls throughout: Debian 12's headers predate Landlock ABI 4-7. */
#define _GNU_SOURCE
#include "hark_system.h"

#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef __linux__
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>

#ifndef __NR_landlock_create_ruleset
#define __NR_landlock_create_ruleset 444
#define __NR_landlock_add_rule 445
#define __NR_landlock_restrict_self 446
#endif

/* Landlock's user ABI, spelled out so that older headers do not matter. */
struct hark_ruleset_attr {
    uint64_t handled_access_fs;
    uint64_t handled_access_net; /* ABI 4 */
    uint64_t scoped;             /* ABI 6 */
};

struct hark_path_beneath {
    uint64_t allowed_access;
    int32_t parent_fd;
} __attribute__((packed));

#define FS_EXECUTE (1ULL << 0)
#define FS_READ_FILE (1ULL << 2)
#define FS_READ_DIR (1ULL << 3)
#define FS_ALL_ABI1 ((1ULL << 13) - 1)
#define FS_REFER (1ULL << 13)     /* ABI 2 */
#define FS_TRUNCATE (1ULL << 14)  /* ABI 3 */
#define FS_IOCTL_DEV (1ULL << 15) /* ABI 5 */
#define NET_BIND_TCP (1ULL << 0)
#define NET_CONNECT_TCP (1ULL << 1)
#define SCOPE_ABSTRACT_UNIX (1ULL << 0)
#define SCOPE_SIGNAL (1ULL << 1)
#define RULE_PATH_BENEATH 1
#define CREATE_RULESET_VERSION (1U << 0)

static void say(char *error, size_t cap, const char *what) {
    snprintf(error, cap, "%s (%s)", what, strerror(errno));
}

int hark_landlock_abi(void) {
    long abi = syscall(__NR_landlock_create_ruleset, NULL, 0, CREATE_RULESET_VERSION);
    return abi < 0 ? 0 : (int)abi;
}

static int set_limit(int resource, uint64_t soft, uint64_t hard) {
    struct rlimit limit = {(rlim_t)soft, (rlim_t)hard};
    return setrlimit(resource, &limit);
}

static int limit_resources(const hark_sandbox_limits *limits, char *error, size_t cap) {
    /* No files may be written, and a crash leaves no core file behind. */
    if (set_limit(RLIMIT_FSIZE, 0, 0) != 0 || set_limit(RLIMIT_CORE, 0, 0) != 0) {
        say(error, cap, "cannot limit file sizes");
        return -1;
    }
    if (limits->memory_bytes > 0 && set_limit(RLIMIT_AS, limits->memory_bytes, limits->memory_bytes) != 0) {
        say(error, cap, "cannot limit memory");
        return -1;
    }
    /* SIGXCPU at the limit says why the worker ended; SIGKILL a second later
     * ends one that ignores it (at equal limits the kernel sends SIGKILL only). */
    if (limits->cpu_seconds > 0 && set_limit(RLIMIT_CPU, limits->cpu_seconds, limits->cpu_seconds + 1) != 0) {
        say(error, cap, "cannot limit CPU time");
        return -1;
    }
    return 0;
}

/* A root worker (CI) gives up every capability, so neither raising its
 * limits nor reaching around Landlock's checks is open to a plugin. */
static void drop_capabilities(void) {
    for (int capability = 0; capability < 64; capability++) prctl(PR_CAPBSET_DROP, capability, 0, 0, 0);
    struct { uint32_t version; int pid; } header = {0x20080522 /* _LINUX_CAPABILITY_VERSION_3 */, 0};
    struct { uint32_t effective, permitted, inheritable; } data[2];
    memset(data, 0, sizeof data);
    syscall(SYS_capset, &header, data);
}

static int allow(int ruleset, const char *path, uint64_t file_rights, uint64_t dir_rights) {
    int fd = open(path, O_PATH | O_CLOEXEC);
    if (fd < 0) return errno == ENOENT || errno == ENOTDIR ? 0 : -1;
    struct stat st;
    int status = fstat(fd, &st);
    if (status == 0) {
        struct hark_path_beneath rule = {S_ISDIR(st.st_mode) ? dir_rights : file_rights, fd};
        status = (int)syscall(__NR_landlock_add_rule, ruleset, RULE_PATH_BENEATH, &rule, 0);
    }
    close(fd);
    return status;
}

struct loaded_folders { int ruleset; int failed; };

/* Every folder a library of this process came from (the Swift runtime,
 * wherever the toolchain put it): a plugin needs the same libraries. */
static int allow_loaded_folder(struct dl_phdr_info *info, size_t size, void *data) {
    (void)size;
    struct loaded_folders *folders = data;
    if (info->dlpi_name == NULL || info->dlpi_name[0] != '/') return 0;
    char folder[4096];
    snprintf(folder, sizeof folder, "%s", info->dlpi_name);
    char *slash = strrchr(folder, '/');
    if (slash == NULL || slash == folder) return 0;
    *slash = 0;
    if (allow(folders->ruleset, folder, FS_READ_FILE | FS_EXECUTE, FS_READ_FILE | FS_READ_DIR | FS_EXECUTE) != 0)
        folders->failed = 1;
    return 0;
}

static int enter_landlock(int abi, const char *const *readable, int readable_count, char *error, size_t cap) {
    struct hark_ruleset_attr attr = {FS_ALL_ABI1, 0, 0};
    size_t attr_size = offsetof(struct hark_ruleset_attr, handled_access_net);
    if (abi >= 2) attr.handled_access_fs |= FS_REFER;
    if (abi >= 3) attr.handled_access_fs |= FS_TRUNCATE;
    if (abi >= 5) attr.handled_access_fs |= FS_IOCTL_DEV;
    if (abi >= 4) {
        attr.handled_access_net = NET_BIND_TCP | NET_CONNECT_TCP;
        attr_size = offsetof(struct hark_ruleset_attr, scoped);
    }
    if (abi >= 6) {
        /* No signals to processes outside the sandbox (the host), and no
         * abstract Unix sockets to reach a desktop session's services. */
        attr.scoped = SCOPE_ABSTRACT_UNIX | SCOPE_SIGNAL;
        attr_size = sizeof attr;
    }
    int ruleset = (int)syscall(__NR_landlock_create_ruleset, &attr, attr_size, 0);
    if (ruleset < 0) {
        say(error, cap, "cannot create a Landlock ruleset");
        return -1;
    }
    const uint64_t file = FS_READ_FILE | FS_EXECUTE;
    const uint64_t dir = FS_READ_FILE | FS_READ_DIR | FS_EXECUTE;
    /* The system's libraries and data; nothing under /home, /tmp, /proc or /run. */
    static const char *const system[] = {
        "/usr", "/lib", "/lib64", "/lib32", "/libx32", "/etc/ld.so.cache", "/etc/localtime",
        "/dev/null", "/dev/urandom", "/sys/devices/system/cpu",
    };
    int failed = 0;
    for (size_t i = 0; i < sizeof system / sizeof system[0]; i++) failed |= allow(ruleset, system[i], file, dir) != 0;
    struct loaded_folders folders = {ruleset, 0};
    dl_iterate_phdr(allow_loaded_folder, &folders);
    failed |= folders.failed;
    for (int i = 0; i < readable_count; i++) {
        if (allow(ruleset, readable[i], file, dir) != 0) {
            snprintf(error, cap, "cannot give the worker read access to %s (%s)", readable[i], strerror(errno));
            close(ruleset);
            return -1;
        }
    }
    if (failed) {
        say(error, cap, "cannot add a Landlock rule for the system's libraries");
        close(ruleset);
        return -1;
    }
    int status = (int)syscall(__NR_landlock_restrict_self, ruleset, 0);
    close(ruleset);
    if (status != 0) {
        say(error, cap, "cannot enter the Landlock sandbox");
        return -1;
    }
    return 0;
}

#if defined(__x86_64__)
#define HARK_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define HARK_AUDIT_ARCH AUDIT_ARCH_AARCH64
#endif

#define LOAD(field) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, field))
#define DENY_WITH(code) BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ((code) & SECCOMP_RET_DATA))
#define ALLOW_CALL BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)

/* Calls a plugin never needs: new processes and programs, sockets, and the
 * ways around the other fences (raising limits, namespaces, ptrace,
 * io_uring, which seccomp cannot see into). */
static const int denied_calls[] = {
    __NR_socket, __NR_socketpair, __NR_execve, __NR_execveat,
#ifdef __NR_fork
    __NR_fork, __NR_vfork,
#endif
    __NR_ptrace, __NR_process_vm_readv, __NR_process_vm_writev, __NR_setrlimit, __NR_mount, __NR_umount2,
    __NR_pivot_root, __NR_chroot, __NR_unshare, __NR_setns, __NR_bpf, __NR_perf_event_open, __NR_keyctl,
    __NR_add_key, __NR_request_key, __NR_userfaultfd, __NR_io_uring_setup, __NR_io_uring_enter,
    __NR_io_uring_register, __NR_open_by_handle_at, __NR_name_to_handle_at, __NR_kexec_load, __NR_init_module,
    __NR_finit_module, __NR_delete_module, __NR_reboot, __NR_swapon, __NR_swapoff, __NR_pidfd_getfd,
    __NR_process_madvise, __NR_tkill, __NR_pidfd_send_signal,
};

/* Calls that send a signal to the process named in their first argument. */
static const int signalling_calls[] = {__NR_kill, __NR_tgkill, __NR_rt_sigqueueinfo, __NR_rt_tgsigqueueinfo};

static int enter_seccomp(char *error, size_t cap) {
    enum { denied_count = sizeof denied_calls / sizeof denied_calls[0] };
    enum { signalling_count = sizeof signalling_calls / sizeof signalling_calls[0] };
    struct sock_filter filter[24 + 2 * denied_count + 7 * signalling_count];
    const uint32_t self = (uint32_t)getpid();
    size_t n = 0;
#ifdef HARK_AUDIT_ARCH
    filter[n++] = (struct sock_filter)LOAD(arch);
    filter[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, HARK_AUDIT_ARCH, 1, 0);
    filter[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
#endif
    filter[n++] = (struct sock_filter)LOAD(nr);
#if defined(__x86_64__)
    /* The x32 ABI numbers the same calls differently: refuse all of it. */
    filter[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 0, 1);
    filter[n++] = (struct sock_filter)DENY_WITH(EPERM);
#endif
    for (int i = 0; i < denied_count; i++) {
        filter[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)denied_calls[i], 0, 1);
        filter[n++] = (struct sock_filter)DENY_WITH(EPERM);
    }
    /* clone3 passes its flags in memory a filter cannot read: say it does not
     * exist, and glibc's pthread_create falls back to clone. */
    filter[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone3, 0, 1);
    filter[n++] = (struct sock_filter)DENY_WITH(ENOSYS);
    /* clone: threads (CLONE_THREAD) yes, processes (fork, posix_spawn) no. */
    filter[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone, 0, 4);
    filter[n++] = (struct sock_filter)LOAD(args[0]);
    filter[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, CLONE_THREAD, 1, 0);
    filter[n++] = (struct sock_filter)DENY_WITH(EPERM);
    filter[n++] = (struct sock_filter)ALLOW_CALL;
    /* Signals only to itself or its own group (abort, pthread_kill), never to
     * hark or the user's other processes: Landlock's signal scope does the
     * same from ABI 6; this holds on older kernels too. The worker cannot
     * fork, so its pid does not change. */
    for (int i = 0; i < signalling_count; i++) {
        filter[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)signalling_calls[i], 0, 6);
        filter[n++] = (struct sock_filter)LOAD(args[0]);
        filter[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, self, 3, 0);
        filter[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 2, 0);
        filter[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)-(int32_t)self, 1, 0);
        filter[n++] = (struct sock_filter)DENY_WITH(EPERM);
        filter[n++] = (struct sock_filter)ALLOW_CALL;
    }
    /* prlimit64 may read limits (glibc's getrlimit) but set none, its own or
     * another process's: the host's, lowered, would break the host. */
    filter[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_prlimit64, 0, 6);
    filter[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[2]));
    filter[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 3);
    filter[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[2]) + 4);
    filter[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 1);
    filter[n++] = (struct sock_filter)ALLOW_CALL;
    filter[n++] = (struct sock_filter)DENY_WITH(EPERM);
    filter[n++] = (struct sock_filter)ALLOW_CALL;
    struct sock_fprog program = {(unsigned short)n, filter};
    if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program, 0, 0) != 0) {
        say(error, cap, "cannot install the seccomp filter");
        return -1;
    }
    return 0;
}

int hark_sandbox_enter(const char *const *readable, int readable_count, const hark_sandbox_limits *limits,
                       char *error, size_t cap) {
    error[0] = 0;
    if (limit_resources(limits, error, cap) != 0) return -1;
    /* No setuid program can lend the worker more rights, and other processes
     * of this user cannot attach to it or read its memory. */
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 || prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
        say(error, cap, "cannot set no_new_privs");
        return -1;
    }
    drop_capabilities();
    int abi = hark_landlock_abi();
    if (abi > 0) {
        if (enter_landlock(abi, readable, readable_count, error, cap) != 0) return -1;
    } else if (!limits->without_landlock) {
        snprintf(error, cap, "this kernel has no Landlock");
        return -2;
    }
    if (enter_seccomp(error, cap) != 0) return -1;
    return abi;
}

int hark_pidfd_open(int pid) { return (int)syscall(__NR_pidfd_open, pid, 0); }

#else
int hark_landlock_abi(void) { return 0; }
int hark_sandbox_enter(const char *const *readable, int readable_count, const hark_sandbox_limits *limits,
                       char *error, size_t cap) {
    (void)readable; (void)readable_count; (void)limits;
    snprintf(error, cap, "plugin workers can only be sandboxed on Linux");
    return -1;
}
int hark_pidfd_open(int pid) { (void)pid; return -1; }
#endif
