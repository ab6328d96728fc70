/* pipe_rt.c - pipe round trip (bench/os.py): the process forks; the parent writes 8 bytes
 * into one pipe, the child reads them, adds one and writes 8 bytes back into another pipe,
 * the parent reads them.  N round trips, timed by the parent with CLOCK_MONOTONIC.
 *
 *     pipe_rt N         prints "<ns for N round trips> <last value>"; the two processes
 *                       run where the scheduler puts them (usually on two CPUs: every
 *                       round trip wakes the other CPU twice)
 *     pipe_rt N pin     the same with both processes pinned to the CPU the parent starts
 *                       on (every round trip is two switches between processes on one CPU)
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

static long now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

static void xfer(int fd, long *v, int writing)
{
    ssize_t r = writing ? write(fd, v, sizeof *v) : read(fd, v, sizeof *v);
    if (r != (ssize_t)sizeof *v) {
        perror(writing ? "pipe_rt: write" : "pipe_rt: read");
        exit(1);
    }
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 100000;
    int up[2], down[2];
    long v = 0, i, t0, t1;
    pid_t pid;
    int status;

    if (argc > 2 && strcmp(argv[2], "pin") == 0) {     /* the child inherits it */
        cpu_set_t set;
        int cpu = sched_getcpu();
        CPU_ZERO(&set);
        CPU_SET(cpu < 0 ? 0 : cpu, &set);
        if (sched_setaffinity(0, sizeof set, &set) != 0) {
            perror("pipe_rt: sched_setaffinity");
            return 1;
        }
    }
    if (pipe(up) != 0 || pipe(down) != 0) {
        perror("pipe_rt: pipe");
        return 1;
    }
    pid = fork();
    if (pid < 0) {
        perror("pipe_rt: fork");
        return 1;
    }
    if (pid == 0) {             /* child: echo v + 1 until the parent closes its end */
        close(up[1]);
        close(down[0]);
        while (read(up[0], &v, sizeof v) == (ssize_t)sizeof v) {
            v = v + 1;
            xfer(down[1], &v, 1);
        }
        _exit(0);
    }
    close(up[0]);
    close(down[1]);
    for (i = 0; i < 1000 && i < n; i++) {       /* warm up */
        xfer(up[1], &v, 1);
        xfer(down[0], &v, 0);
    }
    v = 0;
    t0 = now_ns();
    for (i = 0; i < n; i++) {
        xfer(up[1], &v, 1);
        xfer(down[0], &v, 0);
    }
    t1 = now_ns();
    close(up[1]);
    waitpid(pid, &status, 0);
    printf("%ld %ld\n", t1 - t0, v);
    return v == n ? 0 : 1;
}
