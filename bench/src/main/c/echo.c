/*
 * the physical floor for the ping benchmark: a minimal thread-per-connection server on a unix
 * stream socket that writes every newline-terminated line straight back to its sender.
 *
 *   gcc -O2 -pthread -o echo echo.c && ./echo /tmp/echo.sock
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define BUFFER_BYTES (64 * 1024)

static int write_all(int fd, const char *data, size_t length) {
    while (length > 0) {
        ssize_t n = write(fd, data, length);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -1;
        }
        data += n;
        length -= (size_t) n;
    }
    return 0;
}

/* one connection: echo each complete line, keep a partial one until its newline arrives */
static void *serve(void *arg) {
    int fd = (int) (long) arg;
    char *buffer = malloc(BUFFER_BYTES);
    size_t used = 0;
    while (buffer != NULL) {
        ssize_t n = read(fd, buffer + used, BUFFER_BYTES - used);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        used += (size_t) n;
        char *last = memrchr(buffer, '\n', used);
        size_t complete = last == NULL ? (used == BUFFER_BYTES ? used : 0) : (size_t) (last - buffer) + 1;
        if (complete > 0) {
            if (write_all(fd, buffer, complete) < 0) {
                break;
            }
            memmove(buffer, buffer + complete, used - complete);
            used -= complete;
        }
    }
    free(buffer);
    close(fd);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s SOCKET_PATH\n", argv[0]);
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    if (strlen(argv[1]) >= sizeof(address.sun_path)) {
        fprintf(stderr, "echo: socket path too long\n");
        return 2;
    }
    strcpy(address.sun_path, argv[1]);
    unlink(argv[1]);
    int listener = socket(AF_UNIX, SOCK_STREAM, 0);
    if (listener < 0 || bind(listener, (struct sockaddr *) &address, sizeof(address)) < 0 || listen(listener, 512) < 0) {
        perror("echo: listen");
        return 1;
    }
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attributes, 256 * 1024);
    for (;;) {
        int fd = accept(listener, NULL, NULL);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) {
                continue;
            }
            perror("echo: accept");
            return 1;
        }
        pthread_t thread;
        if (pthread_create(&thread, &attributes, serve, (void *) (long) fd) != 0) {
            close(fd);
        }
    }
}
