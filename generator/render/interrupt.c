/* interrupt.c - removing what a stopped run was writing.
 *
 * The handler may only call async-signal-safe functions: it reads fixed
 * slots filled before they are marked used, unlinks, removes folders,
 * kills and re-raises. */
/* getdents64 and syscall(), for emptying a folder from a signal handler */
#define _GNU_SOURCE
#include "render/interrupt.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/syscall.h>

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A document in progress holds its temporary file, and the haru engine a
 * folder of font subsets and their files: a few at once. */
enum { SLOTS = 16, CHILDREN = 64 };

typedef struct {
  volatile sig_atomic_t used;
  bool dir;
  char path[PATH_MAX];
} Slot;

static Slot slots[SLOTS];
static volatile pid_t children[CHILDREN];

/* An entry as the getdents64 system call gives it. */
struct entry {
  unsigned long long ino;
  long long off;
  unsigned short reclen;
  unsigned char type;
  char name[];
};

/* Removes the folder path and what is in it, with system calls only:
 * opendir and the like allocate, and fork takes malloc's locks, so either
 * could hang a handler that interrupted malloc. */
static void remove_tree(const char *path, int depth) {
  for (int pass = 0; pass < 3; pass++) {
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
      return;
    char buf[4096];
    long n;
    while ((n = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0) {
      for (long at = 0; at < n;) {
        const struct entry *e = (const struct entry *)(void *)(buf + at);
        at += e->reclen;
        if (e->name[0] == '.' && (!e->name[1] || (e->name[1] == '.' && !e->name[2])))
          continue;
        if (e->type == DT_DIR && depth < 4) {
          char child[PATH_MAX];
          size_t a = strlen(path), b = strlen(e->name);
          if (a + 1 + b < sizeof child) {
            memcpy(child, path, a);
            child[a] = '/';
            memcpy(child + a + 1, e->name, b + 1);
            remove_tree(child, depth + 1);
          }
        } else {
          unlinkat(fd, e->name, 0);
        }
      }
    }
    close(fd);
    if (rmdir(path) == 0 || errno != ENOTEMPTY)
      return;
  }
}

static void on_stop(int sig) {
  for (int i = 0; i < CHILDREN; i++)
    if (children[i] > 0)
      kill(children[i], SIGTERM);
  for (int i = 0; i < SLOTS; i++) {
    if (!slots[i].used)
      continue;
    if (!slots[i].dir) {
      unlink(slots[i].path);
      continue;
    }
    remove_tree(slots[i].path, 0);
  }
  signal(sig, SIG_DFL);
  raise(sig);
}

void jx_interrupt_init(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_stop;
  sigemptyset(&sa.sa_mask);
  sigaddset(&sa.sa_mask, SIGINT);
  sigaddset(&sa.sa_mask, SIGTERM);
  sigaddset(&sa.sa_mask, SIGHUP);
  int sigs[] = {SIGINT, SIGTERM, SIGHUP};
  for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
    struct sigaction old;
    /* a signal ignored when jixiao started (nohup, a background job)
     * stays ignored */
    if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
      continue;
    sigaction(sigs[i], &sa, NULL);
  }
}

/* Holds the stop signals off, so the handler never sees a slot
 * half-changed; returns the mask to restore. */
static sigset_t block(void) {
  sigset_t set, old;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  sigprocmask(SIG_BLOCK, &set, &old);
  return old;
}

/* Takes a free slot for path; signals held off by the caller. */
static int take(const char *path, bool dir) {
  if (strlen(path) >= PATH_MAX)
    return -1;
  int slot = -1;
  for (int i = 0; i < SLOTS && slot < 0; i++)
    if (!slots[i].used) {
      strcpy(slots[i].path, path);
      slots[i].dir = dir;
      slots[i].used = 1;
      slot = i;
    }
  return slot;
}

int jx_interrupt_hold(const char *path, bool dir) {
  sigset_t old = block();
  int slot = take(path, dir);
  sigprocmask(SIG_SETMASK, &old, NULL);
  return slot;
}

int jx_interrupt_mkstemp(char *tmpl, int *slot) {
  sigset_t old = block();
  int fd = mkstemp(tmpl);
  int saved = errno;
  *slot = fd >= 0 ? take(tmpl, false) : -1;
  sigprocmask(SIG_SETMASK, &old, NULL);
  errno = saved;
  return fd;
}

void jx_interrupt_release(int slot) {
  if (slot < 0 || slot >= SLOTS)
    return;
  sigset_t old = block();
  slots[slot].used = 0;
  sigprocmask(SIG_SETMASK, &old, NULL);
}

void jx_interrupt_child(pid_t pid) {
  sigset_t old = block();
  for (int i = 0; i < CHILDREN; i++)
    if (children[i] <= 0) {
      children[i] = pid;
      break;
    }
  sigprocmask(SIG_SETMASK, &old, NULL);
}

void jx_interrupt_forget(pid_t pid) {
  sigset_t old = block();
  for (int i = 0; i < CHILDREN; i++)
    if (children[i] == pid)
      children[i] = 0;
  sigprocmask(SIG_SETMASK, &old, NULL);
}
