/* Counts the processes wine's server still knows by an executable name, for
 * the wine end-to-end suite (tests/windows/wine_end_to_end.py): a killed
 * cppvenv.exe is gone once wineserver has let it go, and only then may a later
 * create treat its staging folder as abandoned. Built with mingw-w64.
 *
 * It also stands in for a live process whose id a killed create's folder names:
 *
 *     count_processes.exe NAME      prints how many processes run NAME
 *     count_processes.exe --hold    prints its id and creation time (100 ns
 *                                   ticks since 1601), then waits for its
 *                                   standard input to close */
#include <windows.h>

#include <tlhelp32.h>
#include <stdio.h>
#include <wchar.h>

int wmain(int argc, wchar_t** argv) {
    if (argc != 2) {
        fwprintf(stderr, L"usage: count_processes NAME | --hold\n");
        return 2;
    }
    if (wcscmp(argv[1], L"--hold") == 0) {
        FILETIME created, exited, kernel, user;
        if (!GetProcessTimes(GetCurrentProcess(), &created, &exited, &kernel, &user)) {
            fwprintf(stderr, L"count_processes: no process times (%lu)\n", GetLastError());
            return 1;
        }
        wprintf(L"%lu %llu\n", GetCurrentProcessId(),
                ((unsigned long long)created.dwHighDateTime << 32) | created.dwLowDateTime);
        fflush(stdout);
        while (getwchar() != WEOF) {
        }
        return 0;
    }
    HANDLE snapshot = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
    if (snapshot == INVALID_HANDLE_VALUE) {
        fwprintf(stderr, L"count_processes: no process snapshot (%lu)\n", GetLastError());
        return 1;
    }
    PROCESSENTRY32W entry;
    entry.dwSize = sizeof entry;
    int count = 0;
    for (BOOL more = Process32FirstW(snapshot, &entry); more;
         more = Process32NextW(snapshot, &entry)) {
        if (_wcsicmp(entry.szExeFile, argv[1]) == 0) {
            ++count;
        }
    }
    CloseHandle(snapshot);
    wprintf(L"%d\n", count);
    return 0;
}
