/* A plugin that attacks the user, for the sandbox tests. Compiled by the
 * tests with `cc -shared`; option "mode" picks the attack at analyze time,
 * option "target" names a file and option "port" a TCP port:
 *   write-file   overwrite part of the file "target" (the project, say)
 *   write-home   create the file named "target" in $HOME
 *   read-file    read the file "target" (or the file "sibling" in its
 *                folder) and give its first line as the error
 *   host-fds     list /proc/<host>/fd, where the open project is
 *   connect      connect to 127.0.0.1:"port"
 *   fork         start a child that keeps the pipes, then crash
 *   flood        write an endless message to the host's pipe
 *   allocate     allocate 20 GB, 64 MB at a time
 *   spin         compute for ever
 *   signal       send signal 0 to the host (harmless, but it would work)
 *   limit-host   set the host's core-file limit to what it is already
 *   privileges   report no_new_privs, dumpable and the capabilities it holds
 * A failed attack is reported as the plugin's error, with errno's words.
 * Switches: -DHANG_ON_LOAD (a constructor that never returns),
 * -DWRITE_HOME_ON_LOAD=\"name\" (a constructor that writes $HOME/name). */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include "hark_plugin.h"

struct hark_instance { char mode[64]; char target[1024]; char sibling[256]; int port; };
static struct hark_instance the_instance;

/* The string value of "key" in a flat JSON object, without escapes. */
static void option(const char *options, const char *key, char *out, size_t cap) {
    char quoted[80];
    snprintf(quoted, sizeof quoted, "\"%s\"", key);
    out[0] = 0;
    const char *k = strstr(options, quoted);
    if (!k) return;
    const char *q = strchr(k + strlen(quoted), '"');
    if (!q) return;
    const char *e = strchr(q + 1, '"');
    size_t n = e ? (size_t)(e - q - 1) : 0;
    if (n >= cap) n = cap - 1;
    memcpy(out, q + 1, n);
    out[n] = 0;
}

static hark_instance *open_instance(const char *options, char *error, size_t cap) {
    (void)error; (void)cap;
    char port[16];
    option(options, "mode", the_instance.mode, sizeof the_instance.mode);
    option(options, "target", the_instance.target, sizeof the_instance.target);
    option(options, "sibling", the_instance.sibling, sizeof the_instance.sibling);
    option(options, "port", port, sizeof port);
    the_instance.port = atoi(port);
    return &the_instance;
}

static int32_t failed(char *error, size_t cap, const char *what) {
    snprintf(error, cap, "%s: %s", what, strerror(errno));
    return HARK_ERROR;
}

static int32_t attack(hark_instance *inst, char *error, size_t cap) {
    const char *mode = inst->mode;
    if (strcmp(mode, "write-file") == 0) {
        int fd = open(inst->target, O_WRONLY);
        if (fd < 0) return failed(error, cap, "open for writing");
        const char mark[] = "HOSTILE PLUGIN WAS HERE";
        ssize_t n = pwrite(fd, mark, sizeof mark - 1, 4096 + 200);
        close(fd);
        if (n < 0) return failed(error, cap, "pwrite");
    } else if (strcmp(mode, "write-home") == 0) {
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", getenv("HOME") ? getenv("HOME") : "/root", inst->target);
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0) return failed(error, cap, "create in $HOME");
        (void)!write(fd, "a plugin was here\n", 18);
        close(fd);
    } else if (strcmp(mode, "read-file") == 0) {
        char path[1300];
        snprintf(path, sizeof path, "%s", inst->target);
        char *slash = strrchr(path, '/');
        if (inst->sibling[0] && slash) snprintf(slash + 1, sizeof path - (size_t)(slash + 1 - path), "%s", inst->sibling);
        int fd = open(path, O_RDONLY);
        if (fd < 0) return failed(error, cap, "open for reading");
        char line[64] = {0};
        ssize_t n = read(fd, line, sizeof line - 1);
        close(fd);
        if (n < 0) return failed(error, cap, "read");
        line[strcspn(line, "\n")] = 0;
        snprintf(error, cap, "read: %s", line);
        return HARK_ERROR;
    } else if (strcmp(mode, "host-fds") == 0) {
        char path[64];
        snprintf(path, sizeof path, "/proc/%d/fd", (int)getppid());
        DIR *fds = opendir(path);
        if (!fds) return failed(error, cap, "list the host's descriptors");
        int count = 0;
        while (readdir(fds)) count++;
        closedir(fds);
        snprintf(error, cap, "listed %d of the host's descriptors", count);
        return HARK_ERROR;
    } else if (strcmp(mode, "connect") == 0) {
        int s = socket(AF_INET, SOCK_STREAM, 0);
        if (s < 0) return failed(error, cap, "socket");
        struct sockaddr_in to = {0};
        to.sin_family = AF_INET;
        to.sin_port = htons((uint16_t)inst->port);
        to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        int r = connect(s, (struct sockaddr *)&to, sizeof to);
        close(s);
        if (r != 0) return failed(error, cap, "connect");
    } else if (strcmp(mode, "fork") == 0) {
        pid_t child = fork();
        if (child == 0) for (;;) pause();
        if (child < 0) return failed(error, cap, "fork");
        abort();
    } else if (strcmp(mode, "flood") == 0) {
        /* Find the host's pipe (a FIFO open for writing) and claim a 2 GB message. */
        static char chunk[1 << 16];
        for (int fd = 3; fd < 64; fd++) {
            struct stat st;
            int flags = fcntl(fd, F_GETFL);
            if (flags < 0 || (flags & O_ACCMODE) != O_WRONLY || fstat(fd, &st) != 0 || !S_ISFIFO(st.st_mode)) continue;
            uint32_t length = 0x7ffffff0;
            (void)!write(fd, &length, sizeof length);
            memset(chunk, 'R', sizeof chunk);
            for (;;) if (write(fd, chunk, sizeof chunk) < 0) break;
        }
        return failed(error, cap, "flood");
    } else if (strcmp(mode, "signal") == 0) {
        if (kill(getppid(), 0) != 0) return failed(error, cap, "signal the host");
    } else if (strcmp(mode, "limit-host") == 0) {
        struct rlimit current;
        if (prlimit(getppid(), RLIMIT_CORE, NULL, &current) != 0) return failed(error, cap, "read the host's limit");
        if (prlimit(getppid(), RLIMIT_CORE, &current, NULL) != 0) return failed(error, cap, "set the host's limit");
    } else if (strcmp(mode, "privileges") == 0) {
        struct { uint32_t version; int pid; } header = {0x20080522, 0};
        struct { uint32_t effective, permitted, inheritable; } caps[2];
        memset(caps, 0, sizeof caps);
        long got = syscall(SYS_capget, &header, caps);
        snprintf(error, cap, "no_new_privs %d, dumpable %d, capabilities %s", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0),
                 prctl(PR_GET_DUMPABLE, 0, 0, 0, 0),
                 got != 0 ? "unknown" : (caps[0].permitted | caps[1].permitted) ? "some" : "none");
        return HARK_ERROR;
    } else if (strcmp(mode, "spin") == 0) {
        for (volatile unsigned long i = 0;; i++) {}
    } else if (strcmp(mode, "allocate") == 0) {
        const size_t step = (size_t)64 << 20;
        for (size_t total = 0; total < ((size_t)20 << 30); total += step) {
            char *block = malloc(step);
            if (!block) {
                snprintf(error, cap, "out of memory after %zu MB of the 20480 MB it asked for", total >> 20);
                return HARK_ERROR;
            }
            block[0] = 1; /* touch one page, so the block is really there */
        }
    }
    return HARK_OK;
}

static int32_t analyze(hark_instance *inst, const hark_document *doc, const hark_sink *sink, char *error, size_t cap) {
    int32_t status = attack(inst, error, cap);
    if (status != HARK_OK) return status;
    hark_code_result code = { sizeof(hark_code_result), NULL, "attacked", 0, 0, 0.5, "the attack worked" };
    code.end = doc->text_length < 4 ? (uint32_t)doc->text_length : 4;
    sink->emit_code(sink->host_data, &code);
    return HARK_OK;
}

static void close_instance(hark_instance *inst) { (void)inst; }

static const hark_plugin_descriptor descriptor = {
    .struct_size = sizeof(hark_plugin_descriptor),
    .abi_major = HARK_PLUGIN_ABI_MAJOR,
    .abi_minor = HARK_PLUGIN_ABI_MINOR,
    .id = "org.hark.test.hostile",
    .name = "Hostile (test)",
    .version = "1.0.0",
    .vendor = "Hark tests",
    .description = "Attacks the user's files, network and machine on purpose.",
    .provides = "codes",
    .needs = "",
    .options_schema = "{\"type\":\"object\"}",
    .open = open_instance,
    .analyze = analyze,
    .finish = NULL,
    .close = close_instance,
    .get_extension = NULL,
};

#ifdef HANG_ON_LOAD
__attribute__((constructor)) static void never_return(void) { for (;;) pause(); }
#endif

#ifdef WRITE_HOME_ON_LOAD
__attribute__((constructor)) static void write_home(void) {
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", getenv("HOME") ? getenv("HOME") : "/root", WRITE_HOME_ON_LOAD);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
        (void)!write(fd, "a plugin was here\n", 18);
        close(fd);
    }
}
#endif

__attribute__((visibility("default"))) const hark_plugin_descriptor *hark_plugin_entry(void) { return &descriptor; }
