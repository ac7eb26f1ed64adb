/*
 * replay.c: runs a fuzz target over a corpus without libFuzzer.
 *
 *     replay-wql tests/fuzz/corpus/wql [more files or directories...]
 *
 * Linked with one fuzz-*.c file.  Each argument is a file, or a directory
 * whose regular files (not recursively, in name order) are each one
 * input.  Every input is read whole and passed to LLVMFuzzerTestOneInput();
 * a crash or abort() in the target ends the program there, after the name
 * of the input has been printed to stderr.  Prints "N inputs ok" and exits
 * 0, or exits 1 when an argument cannot be read or names no input at all.
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

#define REPLAY_INPUT_MAX ((size_t)16 * 1024 * 1024)

/* Run the target on the file at PATH; 0, or -1 after a message. */
static int
replay_file(const char *path)
{
    FILE *f;
    struct stat st;
    uint8_t *buf;
    size_t len;

    if ((f = fopen(path, "rb")) == NULL) {
        fprintf(stderr, "replay: cannot open %s: %s\n", path, strerror(errno));
        return -1;
    }
    if (fstat(fileno(f), &st) < 0 || st.st_size < 0 || (size_t)st.st_size > REPLAY_INPUT_MAX) {
        fprintf(stderr, "replay: %s: not a readable input of at most %zu bytes\n", path,
                REPLAY_INPUT_MAX);
        fclose(f);
        return -1;
    }
    /* An exact-size copy, so ASan sees reads past the end of the input. */
    if ((buf = malloc(st.st_size > 0 ? (size_t)st.st_size : 1)) == NULL) {
        fprintf(stderr, "replay: %s: out of memory\n", path);
        fclose(f);
        return -1;
    }
    len = fread(buf, 1, (size_t)st.st_size, f);
    if (ferror(f) || len != (size_t)st.st_size) {
        fprintf(stderr, "replay: cannot read %s\n", path);
        free(buf);
        fclose(f);
        return -1;
    }
    fclose(f);
    fprintf(stderr, "replay: %s (%zu bytes)\n", path, len);
    LLVMFuzzerTestOneInput(buf, len);
    free(buf);
    return 0;
}

static int
replay_name_cmp(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

/* Run every regular file in directory DIR; adds to *COUNT.  0 or -1. */
static int
replay_dir(const char *dir, size_t *count)
{
    struct dirent **names;
    int n, rc = 0;

    if ((n = scandir(dir, &names, NULL, replay_name_cmp)) < 0) {
        fprintf(stderr, "replay: cannot list %s: %s\n", dir, strerror(errno));
        return -1;
    }
    for (int i = 0; i < n; i++) {
        char *path = NULL;
        struct stat st;

        if (rc == 0 && names[i]->d_name[0] != '.') {
            if (asprintf(&path, "%s/%s", dir, names[i]->d_name) < 0) {
                fprintf(stderr, "replay: out of memory\n");
                rc = -1;
            } else if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
                if (replay_file(path) < 0)
                    rc = -1;
                else
                    (*count)++;
            }
            free(path);
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

int
main(int argc, char **argv)
{
    size_t count = 0;

    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE-OR-DIRECTORY...\n", argv[0]);
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        struct stat st;

        if (stat(argv[i], &st) < 0) {
            fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
            return 1;
        }
        if (S_ISDIR(st.st_mode)) {
            if (replay_dir(argv[i], &count) < 0)
                return 1;
        } else {
            if (replay_file(argv[i]) < 0)
                return 1;
            count++;
        }
    }
    if (count == 0) {
        fprintf(stderr, "replay: no inputs in the arguments given\n");
        return 1;
    }
    printf("%zu inputs ok\n", count);
    return 0;
}
