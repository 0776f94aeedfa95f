/* A stand-in for CPython 3.12's python.exe on Windows, for the wine end-to-end
 * suite (tests/windows/wine_end_to_end.py), built with mingw-w64. The suite lays
 * it out as a Windows installation:
 *
 *     python.exe, pythonw.exe                    this program
 *     Lib\venv\scripts\nt\python.exe, pythonw.exe  this program: 3.12's names for
 *                                                venv's launchers, which venv copies
 *                                                to Scripts\ (3.13: venvlauncher.exe)
 *     Lib\ensurepip\_bundled\pip-X.Y.Z-py3-none-any.whl   a real pip wheel
 *
 * What it does:
 * - every run appends its own path and its arguments to the file named by
 *   STUB_PYTHON_LOG (one "exe=" line, one "arg=" line per argument, "end");
 * - `-c SCRIPT` where SCRIPT is cppvenv's inspection (it defines
 *   windows_layout): prints the facts a real CPython 3.12 for Windows reports
 *   (os.name nt, the venv scheme's Scripts, Include, Lib\site-packages,
 *   sys.platlibdir DLLs, the bundled pip wheel, Lib\venv\scripts\nt listed), the
 *   listings read from the folders as the real script reads them;
 * - `-c "import sys; print(sys.prefix)"` (cppvenv check): the venv's folder
 *   for a venv's copy (a pyvenv.cfg above it), else the installation's;
 * - `-m pip --version`, or a console-script launcher (`python.exe X\pip.exe
 *   --version`, where X\pip.exe holds a zip with a __main__.py that imports
 *   pip): prints pip's own --version line;
 * - an argument --stub-exit=N: exits with N;
 * - anything else: prints "stub python: nothing to do" and exits 0. */
#include <windows.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static char* utf8(const wchar_t* wide) {
    int length = WideCharToMultiByte(CP_UTF8, 0, wide, -1, NULL, 0, NULL, NULL);
    char* text = malloc((size_t)length);
    WideCharToMultiByte(CP_UTF8, 0, wide, -1, text, length, NULL, NULL);
    return text;
}

static wchar_t* own_path(void) {
    static wchar_t path[32768];
    GetModuleFileNameW(NULL, path, 32768);
    return path;
}

/* The folder of `path`, without its trailing separator. */
static wchar_t* folder_of(const wchar_t* path) {
    wchar_t* folder = _wcsdup(path);
    wchar_t* slash = wcsrchr(folder, L'\\');
    if (slash != NULL) {
        *slash = L'\0';
    }
    return folder;
}

static void record_call(int argc, wchar_t** argv) {
    const wchar_t* log_path = _wgetenv(L"STUB_PYTHON_LOG");
    if (log_path == NULL || *log_path == L'\0') {
        return;
    }
    FILE* log = _wfopen(log_path, L"ab");
    if (log == NULL) {
        return;
    }
    fprintf(log, "exe=%s\n", utf8(own_path()));
    for (int i = 1; i < argc; ++i) {
        fprintf(log, "arg=%s\n", utf8(argv[i]));
    }
    fprintf(log, "end\n");
    fclose(log);
}

/* A JSON string, as the inspection script writes one (ASCII, \u escapes). */
static void print_json_string(const wchar_t* text) {
    putchar('"');
    for (; *text != L'\0'; ++text) {
        wchar_t c = *text;
        if (c == L'"' || c == L'\\') {
            printf("\\%c", (char)c);
        } else if (c >= 0x20 && c < 0x7f) {
            putchar((char)c);
        } else {
            printf("\\u%04x", (unsigned)c);
        }
    }
    putchar('"');
}

static int compare_names(const void* left, const void* right) {
    return wcscmp(*(wchar_t* const*)left, *(wchar_t* const*)right);
}

/* The sorted names of the files in `folder` (with one of the `extensions`, or
 * any when NULL), as a JSON list. */
static void print_file_names(const wchar_t* folder, const wchar_t* const* extensions) {
    wchar_t pattern[32768];
    swprintf(pattern, 32768, L"%ls\\*", folder);
    WIN32_FIND_DATAW found;
    HANDLE search = FindFirstFileW(pattern, &found);
    wchar_t* names[256];
    int count = 0;
    if (search != INVALID_HANDLE_VALUE) {
        do {
            if (found.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) {
                continue;
            }
            const wchar_t* dot = wcsrchr(found.cFileName, L'.');
            int wanted = extensions == NULL;
            for (int i = 0; extensions != NULL && extensions[i] != NULL; ++i) {
                wanted |= dot != NULL && _wcsicmp(dot, extensions[i]) == 0;
            }
            if (wanted && count < 256) {
                names[count++] = _wcsdup(found.cFileName);
            }
        } while (FindNextFileW(search, &found));
        FindClose(search);
    }
    qsort(names, (size_t)count, sizeof names[0], compare_names);
    putchar('[');
    for (int i = 0; i < count; ++i) {
        printf(i == 0 ? "" : ", ");
        print_json_string(names[i]);
    }
    putchar(']');
}

/* sys.prefix: the venv (the folder above Scripts) for a venv's copy, else the
 * installation. */
static wchar_t* prefix_folder(void) {
    wchar_t* here = folder_of(own_path());
    wchar_t cfg_path[32768];
    swprintf(cfg_path, 32768, L"%ls\\..\\pyvenv.cfg", here);
    if (GetFileAttributesW(cfg_path) == INVALID_FILE_ATTRIBUTES) {
        return here;
    }
    return folder_of(here);
}

/* The base installation: this program's folder, or, for a venv's copy
 * (Scripts\python.exe), the `home` its pyvenv.cfg names. */
static wchar_t* installation_folder(void) {
    wchar_t* here = folder_of(own_path());
    wchar_t cfg_path[32768];
    swprintf(cfg_path, 32768, L"%ls\\..\\pyvenv.cfg", here);
    FILE* cfg = _wfopen(cfg_path, L"rb");
    if (cfg == NULL) {
        return here;
    }
    char line[4096];
    while (fgets(line, sizeof line, cfg) != NULL) {
        if (strncmp(line, "home = ", 7) == 0) {
            line[strcspn(line, "\r\n")] = '\0';
            wchar_t* home = malloc(sizeof(wchar_t) * 4096);
            MultiByteToWideChar(CP_UTF8, 0, line + 7, -1, home, 4096);
            fclose(cfg);
            return home;
        }
    }
    fclose(cfg);
    return here;
}

/* The newest pip wheel in Lib\ensurepip\_bundled (its version from its name),
 * or 0. */
static int bundled_pip(const wchar_t* base, wchar_t* path, wchar_t* version) {
    wchar_t pattern[32768];
    swprintf(pattern, 32768, L"%ls\\Lib\\ensurepip\\_bundled\\pip-*.whl", base);
    WIN32_FIND_DATAW found;
    HANDLE search = FindFirstFileW(pattern, &found);
    if (search == INVALID_HANDLE_VALUE) {
        return 0;
    }
    FindClose(search);
    swprintf(path, 32768, L"%ls\\Lib\\ensurepip\\_bundled\\%ls", base, found.cFileName);
    wcscpy(version, found.cFileName + 4);
    *wcschr(version, L'-') = L'\0';
    return 1;
}

static void print_inspection_facts(void) {
    const wchar_t* executable = own_path();
    wchar_t* base = folder_of(executable);
    wchar_t wheel[32768], version[256], venv_dir[32768], launchers[32768];
    swprintf(venv_dir, 32768, L"%ls\\Lib\\venv", base);
    swprintf(launchers, 32768, L"%ls\\scripts\\nt", venv_dir);
    int has_pip = bundled_pip(base, wheel, version);
    static const wchar_t* const programs[] = {L".exe", L".dll", NULL};

    /* The keys in the order the inspection script sorts them. */
    printf("{\"abiflags\": \"\", \"base_prefix\": ");
    print_json_string(base);
    printf(", \"debug_build\": false, \"ensurepip_wheels\": [");
    if (has_pip) {
        printf("{\"path\": ");
        print_json_string(wheel);
        printf(", \"project\": \"pip\", \"version\": ");
        print_json_string(version);
        printf("}");
    }
    printf("], \"executable\": ");
    print_json_string(executable);
    printf(", \"free_threaded\": false, \"has_ensurepip\": true, \"implementation\": \"cpython\", "
           "\"include_dir\": \"Include\", \"is_64bit\": true, \"is_darwin\": false, "
           "\"os_name\": \"nt\", \"platlib_dir\": \"Lib/site-packages\", \"platlibdir\": \"DLLs\", "
           "\"purelib_dir\": \"Lib/site-packages\", \"real_executable\": ");
    print_json_string(executable);
    printf(", \"scripts_dir\": \"Scripts\", \"shared_libraries_beside_executable\": [], "
           "\"version\": [3, 12, 1], \"windows\": {\"executable_files\": ");
    print_file_names(base, programs);
    printf(", \"init_tcl\": \"\", \"is_python_build\": false, \"venv_launchers\": ");
    print_file_names(launchers, NULL);
    printf(", \"venv_module_dir\": ");
    print_json_string(venv_dir);
    printf("}}\n");
}

/* Whether `path` is a console-script launcher for pip: a file whose zip
 * archive holds a __main__.py that imports pip's main (the zip is stored, so
 * both names are in plain bytes). */
static int is_pip_launcher(const wchar_t* path) {
    FILE* file = _wfopen(path, L"rb");
    if (file == NULL) {
        return 0;
    }
    static char contents[1 << 20];
    size_t size = fread(contents, 1, sizeof contents, file);
    fclose(file);
    int has_main = 0, imports_pip = 0;
    const char* main_name = "__main__.py";
    const char* import = "from pip._internal.cli.main import main";
    for (size_t at = 0; at < size; ++at) {
        has_main |= size - at >= strlen(main_name) && memcmp(contents + at, main_name, 11) == 0;
        imports_pip |= size - at >= strlen(import) && memcmp(contents + at, import, strlen(import)) == 0;
    }
    return has_main && imports_pip;
}

static int print_pip_version(void) {
    wchar_t wheel[32768], version[256];
    wchar_t* base = installation_folder();
    if (!bundled_pip(base, wheel, version)) {
        fprintf(stderr, "stub python: no pip wheel under %s\n", utf8(base));
        return 1;
    }
    printf("pip %s from %s\\Lib\\site-packages\\pip (python 3.12)\n", utf8(version), utf8(base));
    return 0;
}

int wmain(int argc, wchar_t** argv) {
    record_call(argc, argv);
    /* --stub-exit=N anywhere: exit with N (how the suite sees a launcher pass
     * its child's exit code on). */
    for (int i = 1; i < argc; ++i) {
        if (wcsncmp(argv[i], L"--stub-exit=", 12) == 0) {
            return _wtoi(argv[i] + 12);
        }
    }
    int at = 1;
    /* Interpreter options before the script: -I, -E, -s, -S, -u, -B. */
    while (at < argc && argv[at][0] == L'-' && wcslen(argv[at]) == 2 &&
           wcschr(L"IEsSuB", argv[at][1]) != NULL) {
        ++at;
    }
    if (at + 1 < argc && wcscmp(argv[at], L"-c") == 0) {
        if (wcsstr(argv[at + 1], L"def windows_layout") != NULL) {
            print_inspection_facts();
            return 0;
        }
        if (wcscmp(argv[at + 1], L"import sys; print(sys.prefix)") == 0) {
            printf("%s\n", utf8(prefix_folder()));
            return 0;
        }
    } else if (at + 2 < argc && wcscmp(argv[at], L"-m") == 0 && wcscmp(argv[at + 1], L"pip") == 0 &&
               wcscmp(argv[at + 2], L"--version") == 0) {
        return print_pip_version();
    } else if (at + 1 < argc && is_pip_launcher(argv[at]) && wcscmp(argv[at + 1], L"--version") == 0) {
        return print_pip_version();
    }
    printf("stub python: nothing to do\n");
    return 0;
}
