/* The console-script launcher cppvenv writes as Scripts\pip.exe (and every
 * other console script) in a Windows venv, in the layout distlib's launchers
 * use, so pip itself reads and rewrites these files as its own:
 *
 *     this program's bytes
 *     #!"C:\path\to\python.exe"\r\n       (UTF-8; quotes when the path needs them)
 *     a zip archive holding __main__.py
 *
 * It reads its own file, finds the zip's end-of-central-directory record at the
 * end, the shebang line just before the zip, and runs
 *     python.exe "<this .exe>" <the arguments it was given, as given>
 * Python runs the .exe as a zip application (its __main__.py). The launcher
 * waits and exits with the child's exit code. A relative interpreter path is
 * relative to the launcher's own folder. Built with mingw-w64 by
 * scripts/build-windows and embedded into cppvenv.exe. */
#include <windows.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* The end-of-central-directory record: 22 bytes and a comment of up to 64 KiB. */
#define EOCD_SIZE 22
#define MAX_COMMENT 65535
/* The longest shebang line looked for: a 32767-character path in UTF-8. */
#define MAX_SHEBANG (3 * 32768 + 64)

static void fail(const wchar_t* what, const wchar_t* detail) {
    DWORD error = GetLastError();
    fwprintf(stderr, L"launcher: error: %ls%ls", what, detail ? detail : L"");
    if (error != 0) {
        fwprintf(stderr, L" (Windows error %lu)", (unsigned long)error);
    }
    fwprintf(stderr, L"\n");
    ExitProcess(101);
}

static void* allocate(size_t size) {
    void* memory = malloc(size);
    if (memory == NULL) {
        fail(L"out of memory", NULL);
    }
    return memory;
}

/* This program's own path, of any length. */
static wchar_t* own_path(void) {
    DWORD capacity = MAX_PATH;
    for (;;) {
        wchar_t* path = allocate(capacity * sizeof(wchar_t));
        DWORD length = GetModuleFileNameW(NULL, path, capacity);
        if (length == 0) {
            fail(L"cannot find the launcher's own path", NULL);
        }
        if (length < capacity) {
            return path;
        }
        free(path);
        capacity *= 2;
    }
}

static unsigned long little_endian(const unsigned char* bytes, int count) {
    unsigned long value = 0;
    for (int i = count - 1; i >= 0; --i) {
        value = value << 8 | bytes[i];
    }
    return value;
}

static int read_at(HANDLE file, LONGLONG offset, char* buffer, DWORD size) {
    LARGE_INTEGER position;
    DWORD got = 0;
    position.QuadPart = offset;
    if (!SetFilePointerEx(file, position, NULL, FILE_BEGIN)) {
        return 0;
    }
    return ReadFile(file, buffer, size, &got, NULL) && got == size;
}


/* Where the sections of the PE file `file` end. */
static LONGLONG end_of_image(HANDLE file, const wchar_t* path) {
    unsigned char header[64];
    unsigned char pe[24];
    if (!read_at(file, 0, (char*)header, sizeof header) || header[0] != 'M' || header[1] != 'Z') {
        fail(L"not a Windows program: ", path);
    }
    LONGLONG pe_offset = (LONGLONG)little_endian(header + 0x3c, 4);
    if (!read_at(file, pe_offset, (char*)pe, sizeof pe) || memcmp(pe, "PE\0\0", 4) != 0) {
        fail(L"not a Windows program: ", path);
    }
    unsigned sections = (unsigned)little_endian(pe + 6, 2);
    LONGLONG table = pe_offset + 24 + (LONGLONG)little_endian(pe + 20, 2);
    LONGLONG end = 0;
    for (unsigned i = 0; i < sections; ++i) {
        unsigned char section[40];
        if (!read_at(file, table + 40 * (LONGLONG)i, (char*)section, sizeof section)) {
            fail(L"cannot read ", path);
        }
        LONGLONG section_end =
            (LONGLONG)little_endian(section + 20, 4) + (LONGLONG)little_endian(section + 16, 4);
        end = section_end > end ? section_end : end;
    }
    /* An unstripped build keeps a COFF symbol table and its strings after them. */
    LONGLONG symbols = (LONGLONG)little_endian(pe + 12, 4);
    if (symbols != 0) {
        unsigned char strings_size[4];
        LONGLONG strings = symbols + 18 * (LONGLONG)little_endian(pe + 16, 4);
        if (!read_at(file, strings, (char*)strings_size, 4)) {
            fail(L"cannot read ", path);
        }
        LONGLONG symbols_end = strings + (LONGLONG)little_endian(strings_size, 4);
        end = symbols_end > end ? symbols_end : end;
    }
    return end;
}

/* The shebang line's text after "#!", without its line end, as UTF-8 (owned by
 * the caller); fails when the file holds no zip or no shebang before it. */
static char* read_shebang(const wchar_t* path) {
    HANDLE file = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_DELETE, NULL,
                              OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    LARGE_INTEGER size;
    if (file == INVALID_HANDLE_VALUE || !GetFileSizeEx(file, &size)) {
        fail(L"cannot read ", path);
    }
    /* The end record is the last "PK\5\6" whose comment runs to the end of file. */
    LONGLONG tail_size = size.QuadPart < EOCD_SIZE + MAX_COMMENT ? size.QuadPart
                                                                 : EOCD_SIZE + MAX_COMMENT;
    unsigned char* tail = allocate((size_t)tail_size);
    if (!read_at(file, size.QuadPart - tail_size, (char*)tail, (DWORD)tail_size)) {
        fail(L"cannot read ", path);
    }
    LONGLONG record = -1;
    for (LONGLONG at = tail_size - EOCD_SIZE; at >= 0; --at) {
        if (memcmp(tail + at, "PK\5\6", 4) == 0 &&
            at + EOCD_SIZE + (LONGLONG)little_endian(tail + at + 20, 2) == tail_size) {
            record = at;
            break;
        }
    }
    if (record < 0) {
        SetLastError(0);
        fail(L"no script archive at the end of ", path);
    }
    /* The archive's offsets count from its own start: where it starts in this
     * file is where its central directory ends, less the directory's size and
     * offset. */
    LONGLONG record_offset = size.QuadPart - tail_size + record;
    LONGLONG directory_size = (LONGLONG)little_endian(tail + record + 12, 4);
    LONGLONG directory_offset = (LONGLONG)little_endian(tail + record + 16, 4);
    LONGLONG archive_start = record_offset - directory_size - directory_offset;
    free(tail);
    if (archive_start <= 0) {
        SetLastError(0);
        fail(L"no shebang line before the script archive in ", path);
    }
    /* The shebang starts where this program's own image ends (the end of its
     * last section: what follows a PE file's sections is not loaded), and runs
     * to the archive. */
    LONGLONG shebang_start = end_of_image(file, path);
    LONGLONG shebang_size = archive_start - shebang_start;
    if (shebang_size < 3 || shebang_size > MAX_SHEBANG) {
        SetLastError(0);
        fail(L"no shebang line before the script archive in ", path);
    }
    char* head = allocate((size_t)shebang_size + 1);
    if (!read_at(file, shebang_start, head, (DWORD)shebang_size)) {
        fail(L"cannot read ", path);
    }
    CloseHandle(file);
    /* "#!...\n" or "#!...\r\n", one line. */
    LONGLONG end = shebang_size;
    if (end > 0 && head[end - 1] == '\n') {
        --end;
    }
    if (end > 0 && head[end - 1] == '\r') {
        --end;
    }
    head[end] = '\0';
    if (head[0] != '#' || head[1] != '!' || strchr(head, '\n') != NULL ||
        (LONGLONG)strlen(head) != end) {
        SetLastError(0);
        fail(L"no shebang line before the script archive in ", path);
    }
    memmove(head, head + 2, (size_t)end - 1);
    return head;
}

static wchar_t* utf8_to_wide(const char* text) {
    int length = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, text, -1, NULL, 0);
    if (length <= 0) {
        fail(L"the shebang line is not valid UTF-8", NULL);
    }
    wchar_t* wide = allocate((size_t)length * sizeof(wchar_t));
    MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, text, -1, wide, length);
    return wide;
}

/* Splits the shebang into the interpreter (unquoted) and what follows it (its
 * own options, passed before the script path). */
static void split_shebang(wchar_t* shebang, wchar_t** interpreter, wchar_t** options) {
    while (*shebang == L' ' || *shebang == L'\t') {
        ++shebang;
    }
    wchar_t* end;
    if (*shebang == L'"') {
        ++shebang;
        end = wcschr(shebang, L'"');
        if (end == NULL) {
            SetLastError(0);
            fail(L"unbalanced quote in the shebang line: ", shebang - 1);
        }
    } else {
        end = shebang + wcscspn(shebang, L" \t");
    }
    *options = *end == L'\0' ? end : end + 1;
    *end = L'\0';
    *interpreter = shebang;
}

static int is_relative(const wchar_t* path) {
    /* "C:\..." and "\\server\..." are absolute; "\..." is drive-relative: treat it
     * as given. */
    return !(path[0] != L'\0' && path[1] == L':') && path[0] != L'\\' && path[0] != L'/';
}

/* A relative interpreter path is relative to the launcher's folder. */
static wchar_t* resolve_interpreter(const wchar_t* interpreter, const wchar_t* launcher) {
    if (!is_relative(interpreter)) {
        return _wcsdup(interpreter);
    }
    const wchar_t* slash = wcsrchr(launcher, L'\\');
    size_t folder = slash == NULL ? 0 : (size_t)(slash - launcher) + 1;
    size_t length = folder + wcslen(interpreter) + 1;
    wchar_t* joined = allocate(length * sizeof(wchar_t));
    wmemcpy(joined, launcher, folder);
    wcscpy(joined + folder, interpreter);
    DWORD full_length = GetFullPathNameW(joined, 0, NULL, NULL);
    if (full_length == 0) {
        return joined;
    }
    wchar_t* full = allocate(full_length * sizeof(wchar_t));
    GetFullPathNameW(joined, full_length, full, NULL);
    free(joined);
    return full;
}

/* The command line this launcher was given, less its own program name, exactly
 * as typed: the arguments reach Python quoted as the user quoted them. The
 * program name ends at the closing quote when it starts with one, else at the
 * first blank (the rule CommandLineToArgvW applies to argv[0]). */
static const wchar_t* arguments_after_program(const wchar_t* command_line) {
    const wchar_t* at = command_line;
    if (*at == L'"') {
        ++at;
        while (*at != L'\0' && *at != L'"') {
            ++at;
        }
        if (*at == L'"') {
            ++at;
        }
    } else {
        while (*at != L'\0' && *at != L' ' && *at != L'\t') {
            ++at;
        }
    }
    return at;
}

/* Ctrl+C and Ctrl+Break reach the child, which is in the same console: the
 * launcher waits for it to decide, as distlib's launcher does. */
static BOOL WINAPI ignore_console_control(DWORD event) {
    (void)event;
    return TRUE;
}

int wmain(void) {
    wchar_t* launcher = own_path();
    char* shebang_utf8 = read_shebang(launcher);
    wchar_t* shebang = utf8_to_wide(shebang_utf8);
    wchar_t* interpreter_text;
    wchar_t* options;
    split_shebang(shebang, &interpreter_text, &options);
    wchar_t* interpreter = resolve_interpreter(interpreter_text, launcher);
    const wchar_t* arguments = arguments_after_program(GetCommandLineW());

    /* "python.exe" options "launcher.exe" arguments */
    size_t length = wcslen(interpreter) + wcslen(options) + wcslen(launcher) + wcslen(arguments) + 8;
    wchar_t* command = allocate(length * sizeof(wchar_t));
    swprintf(command, length, L"\"%ls\"%ls%ls \"%ls\"%ls", interpreter, *options ? L" " : L"",
             options, launcher, arguments);

    /* The child dies with the launcher (a job that kills on close), as it would
     * if the script were the launcher's own code. */
    HANDLE job = CreateJobObjectW(NULL, NULL);
    if (job != NULL) {
        JOBOBJECT_EXTENDED_LIMIT_INFORMATION limits;
        memset(&limits, 0, sizeof limits);
        limits.BasicLimitInformation.LimitFlags =
            JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE | JOB_OBJECT_LIMIT_SILENT_BREAKAWAY_OK;
        SetInformationJobObject(job, JobObjectExtendedLimitInformation, &limits, sizeof limits);
    }
    SetConsoleCtrlHandler(ignore_console_control, TRUE);

    STARTUPINFOW startup;
    PROCESS_INFORMATION child;
    memset(&startup, 0, sizeof startup);
    startup.cb = sizeof startup;
    GetStartupInfoW(&startup);
    startup.dwFlags |= STARTF_USESTDHANDLES;
    startup.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
    startup.hStdOutput = GetStdHandle(STD_OUTPUT_HANDLE);
    startup.hStdError = GetStdHandle(STD_ERROR_HANDLE);
    /* Suspended until it is in the job, so not even its first instruction runs
     * outside it. */
    if (!CreateProcessW(interpreter, command, NULL, NULL, TRUE, CREATE_SUSPENDED, NULL, NULL,
                        &startup, &child)) {
        fail(L"cannot run ", interpreter);
    }
    if (job != NULL) {
        AssignProcessToJobObject(job, child.hProcess);
    }
    ResumeThread(child.hThread);
    CloseHandle(child.hThread);
    WaitForSingleObject(child.hProcess, INFINITE);
    DWORD exit_code = 1;
    GetExitCodeProcess(child.hProcess, &exit_code);
    ExitProcess(exit_code);
}
