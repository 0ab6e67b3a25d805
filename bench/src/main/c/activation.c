// activation SOCKET ROUNDS: the cold socket-activated first reply of the installed system daemon
// against 'systemctl is-active llm-osd.socket' answering, measured in the same run. each round
// stops llm-osd.service (its socket keeps listening), times systemctl, then times connect + one
// system.ping until the reply line (systemd starts the daemon on the connection), then one more
// ping to the now running daemon. prints the median and minimum of each, and the ratios.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

// runs argv, output discarded; returns its exit status
static int run(char *const argv[]) {
    pid_t pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_RDWR);
        dup2(null, 0);
        dup2(null, 1);
        dup2(null, 2);
        execvp(argv[0], argv);
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

// connects, sends one system.ping, reads the reply line; returns 0 when it is a pong
static int ping(const char *path) {
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    strncpy(addr.sun_path, path, sizeof addr.sun_path - 1);
    if (fd < 0 || connect(fd, (struct sockaddr *) &addr, sizeof addr) != 0) {
        perror("connect");
        return -1;
    }
    const char *request = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"system.ping\"}\n";
    if (write(fd, request, strlen(request)) != (ssize_t) strlen(request)) {
        perror("write");
        close(fd);
        return -1;
    }
    char reply[4096];
    size_t got = 0;
    while (got < sizeof reply - 1) {
        ssize_t n = read(fd, reply + got, sizeof reply - 1 - got);
        if (n <= 0) {
            break;
        }
        got += (size_t) n;
        if (memchr(reply, '\n', got)) {
            break;
        }
    }
    reply[got] = 0;
    close(fd);
    return strstr(reply, "\"pong\":true") ? 0 : -1;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n) {
    qsort(v, n, sizeof *v, compare);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: activation SOCKET ROUNDS\n");
        return 2;
    }
    const char *socket_path = argv[1];
    int rounds = atoi(argv[2]);
    double *systemctl = calloc(rounds, sizeof *systemctl), *cold = calloc(rounds, sizeof *cold),
           *warm = calloc(rounds, sizeof *warm);
    char *stop[] = {"systemctl", "stop", "llm-osd.service", NULL};
    char *is_active[] = {"systemctl", "is-active", "llm-osd.socket", NULL};
    for (int i = 0; i < rounds; i++) {
        if (run(stop) != 0) {
            fprintf(stderr, "systemctl stop llm-osd.service failed\n");
            return 1;
        }
        double t0 = now_ms();
        if (run(is_active) != 0) {
            fprintf(stderr, "llm-osd.socket is not active\n");
            return 1;
        }
        double t1 = now_ms();
        if (ping(socket_path) != 0) {
            fprintf(stderr, "no pong from %s\n", socket_path);
            return 1;
        }
        double t2 = now_ms();
        if (ping(socket_path) != 0) {
            fprintf(stderr, "no second pong from %s\n", socket_path);
            return 1;
        }
        double t3 = now_ms();
        systemctl[i] = t1 - t0;
        cold[i] = t2 - t1;
        warm[i] = t3 - t2;
    }
    double s = median(systemctl, rounds), c = median(cold, rounds), w = median(warm, rounds);
    printf("%-52s %10s %10s\n", "", "median ms", "min ms");
    printf("%-52s %10.1f %10.1f\n", "systemctl is-active llm-osd.socket (baseline)", s, systemctl[0]);
    printf("%-52s %10.1f %10.1f\n", "cold: connect + system.ping, systemd starts llm-osd", c, cold[0]);
    printf("%-52s %10.1f %10.1f\n", "warm: the next system.ping to the running daemon", w, warm[0]);
    printf("cold first reply / systemctl is-active: %.1fx; warm / systemctl: %.2fx (%d rounds)\n", c / s, w / s, rounds);
    return 0;
}
