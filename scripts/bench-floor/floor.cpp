// The floor for `scripts/bench`: the system calls a venv needs and nothing else.
//
// Reads a manifest of a venv made before (one entry a line, fields split by
// tabs: `d PATH`, `l PATH LINK-TARGET` or `f PATH SIZE MODE`, in an order where
// a folder comes before what it holds), then for each TARGET makes a staging
// folder beside it, creates every entry in it relative to the staging folder's
// descriptor (writing each file's bytes in one write of the same size), and
// renames the staging folder into place, refusing to replace what is there.
// No interpreter lookup, no rendering, no hashing, no decompression: what is
// left is the cost of the file system and of starting a process.
//
// With --bytes, each file gets its real bytes, copied in the kernel
// (copy_file_range) from BYTES, every file's bytes in manifest order; without
// it, zeros from one buffer (which the CPU keeps in its cache: cheaper than
// any program that writes these files' own bytes can be).
//
// Usage: floor [--bytes BYTES] MANIFEST TARGET...
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace {

[[noreturn]] void fail(const char* what, const char* path) {
    std::fprintf(stderr, "floor: %s %s: %s\n", what, path, std::strerror(errno));
    std::exit(1);
}

char* read_manifest(const char* path) {
    const int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat info;
    if (fd < 0 || fstat(fd, &info) != 0) {
        fail("cannot read", path);
    }
    char* text = static_cast<char*>(std::malloc(static_cast<size_t>(info.st_size) + 1));
    const ssize_t got = read(fd, text, static_cast<size_t>(info.st_size));
    if (got != info.st_size) {
        fail("cannot read", path);
    }
    text[got] = '\0';
    close(fd);
    return text;
}

// Splits the next tab- or newline-ended field off `cursor`, in place.
char* next_field(char*& cursor) {
    char* field = cursor;
    while (*cursor != '\0' && *cursor != '\t' && *cursor != '\n') {
        ++cursor;
    }
    if (*cursor != '\0') {
        *cursor++ = '\0';
    }
    return field;
}

void write_all(int fd, const char* data, size_t size, const char* path) {
    while (size > 0) {
        const ssize_t written = write(fd, data, size);
        if (written < 0) {
            fail("cannot write", path);
        }
        data += written;
        size -= static_cast<size_t>(written);
    }
}

// `size` bytes of `bytes` from *offset on (advanced) into fd, in the kernel.
void copy_bytes(int bytes, loff_t* offset, int fd, size_t size, const char* path) {
    while (size > 0) {
        const ssize_t copied = copy_file_range(bytes, offset, fd, nullptr, size, 0);
        if (copied <= 0) {
            fail("cannot copy into", path);
        }
        size -= static_cast<size_t>(copied);
    }
}

void make_venv(const char* manifest, const char* target, const char* zeros, int bytes) {
    char staging[4096];
    std::snprintf(staging, sizeof staging, "%s.floor-staging-%d", target, getpid());
    if (mkdir(staging, 0777) != 0) {
        fail("cannot create", staging);
    }
    const int root = open(staging, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (root < 0) {
        fail("cannot open", staging);
    }
    // The manifest is split in place, so each venv works on its own copy.
    char* text = strdup(manifest);
    loff_t offset = 0; // in `bytes`
    for (char* cursor = text; *cursor != '\0';) {
        const char* kind = next_field(cursor);
        const char* path = next_field(cursor);
        if (kind[0] == 'd') {
            if (mkdirat(root, path, 0777) != 0) {
                fail("cannot create", path);
            }
        } else if (kind[0] == 'l') {
            const char* link_target = next_field(cursor);
            if (symlinkat(link_target, root, path) != 0) {
                fail("cannot create", path);
            }
        } else if (kind[0] == 'f') {
            const size_t size = std::strtoul(next_field(cursor), nullptr, 10);
            const unsigned mode =
                static_cast<unsigned>(std::strtoul(next_field(cursor), nullptr, 8));
            const int fd = openat(root, path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
            if (fd < 0) {
                fail("cannot create", path);
            }
            if (bytes >= 0) {
                copy_bytes(bytes, &offset, fd, size, path);
            } else {
                write_all(fd, zeros, size, path);
            }
            close(fd);
        }
    }
    std::free(text);
    close(root);
    if (syscall(SYS_renameat2, AT_FDCWD, staging, AT_FDCWD, target, RENAME_NOREPLACE) != 0) {
        fail("cannot rename to", target);
    }
}

} // namespace

int main(int argc, char** argv) {
    int bytes = -1;
    if (argc > 2 && std::strcmp(argv[1], "--bytes") == 0) {
        bytes = open(argv[2], O_RDONLY | O_CLOEXEC);
        if (bytes < 0) {
            fail("cannot read", argv[2]);
        }
        argc -= 2;
        argv += 2;
    }
    if (argc < 3) {
        std::fprintf(stderr, "usage: floor [--bytes BYTES] MANIFEST TARGET...\n");
        return 2;
    }
    const char* manifest = read_manifest(argv[1]);
    // Every file's bytes come from one buffer as large as the largest file.
    size_t largest = 0;
    for (const char* line = manifest; line != nullptr && *line != '\0';) {
        if (line[0] == 'f') {
            const char* size = std::strchr(std::strchr(line, '\t') + 1, '\t') + 1;
            const size_t value = std::strtoul(size, nullptr, 10);
            largest = value > largest ? value : largest;
        }
        line = std::strchr(line, '\n');
        line = line != nullptr ? line + 1 : nullptr;
    }
    const char* zeros = static_cast<const char*>(std::calloc(largest + 1, 1));
    for (int index = 2; index < argc; ++index) {
        make_venv(manifest, argv[index], zeros, bytes);
    }
    return 0;
}
