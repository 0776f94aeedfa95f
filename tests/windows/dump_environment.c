/* Writes this process's environment to the file named by its argument, as UTF-8
 * "NAME=value" entries each ended by a NUL byte: the exact values, whatever
 * cmd's code page. Built with mingw-w64 for the wine suite. */
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>
#include <windows.h>

int wmain(int argc, wchar_t** argv) {
    if (argc != 2) {
        fputs("usage: dump_environment OUTPUT_FILE\n", stderr);
        return 2;
    }
    FILE* out = _wfopen(argv[1], L"wb");
    if (out == NULL) {
        return 1;
    }
    wchar_t* block = GetEnvironmentStringsW();
    for (const wchar_t* entry = block; *entry != L'\0'; entry += wcslen(entry) + 1) {
        if (entry[0] == L'=') {
            continue; /* cmd's per-drive current folders */
        }
        int size = WideCharToMultiByte(CP_UTF8, 0, entry, -1, NULL, 0, NULL, NULL);
        char* text = malloc((size_t)size);
        WideCharToMultiByte(CP_UTF8, 0, entry, -1, text, size, NULL, NULL);
        fwrite(text, 1, (size_t)size, out); /* with its NUL */
        free(text);
    }
    FreeEnvironmentStringsW(block);
    return fclose(out) == 0 ? 0 : 1;
}
