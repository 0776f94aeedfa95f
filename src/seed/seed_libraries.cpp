// libzip and libdeflate, loaded only when pip is seeded.
#include "seed/seed_libraries.hpp"

#include "util/error.hpp"
#include "util/platform.hpp"

#include <fmt/format.h>
#include <string>

// The sonames the build linked against, found by CMake (defaults for syntax
// checks and other platforms).
#ifndef CPPVENV_LIBZIP_SONAME
#ifdef _WIN32
#define CPPVENV_LIBZIP_SONAME "zip.dll"
#else
#define CPPVENV_LIBZIP_SONAME "libzip.so.4"
#endif
#endif
#ifndef CPPVENV_LIBDEFLATE_SONAME
#ifdef _WIN32
#define CPPVENV_LIBDEFLATE_SONAME "libdeflate.dll"
#else
#define CPPVENV_LIBDEFLATE_SONAME "libdeflate.so.0"
#endif
#endif
namespace cppvenv {

namespace {

class LoadedLibrary {
public:
    LoadedLibrary(const char* soname, const char* package) : soname_(soname), package_(package) {
        std::string error;
        handle_ = platform::load_library(soname, error);
        if (handle_ == nullptr) {
            throw Error(fmt::format("cannot load {} to install pip ({}); install the {} package, "
                                    "or pass --without-pip",
                                    soname_, error, package_));
        }
    }

    template <typename Function> void bind(Function& function, const char* name) const {
        void* address = platform::library_symbol(handle_, name);
        if (address == nullptr) {
            throw Error(fmt::format("{} has no function {}: install the {} package", soname_, name,
                                    package_));
        }
        function = reinterpret_cast<Function>(address);
    }

private:
    const char* soname_;
    const char* package_;
    void* handle_ = nullptr; // never unloaded: the tables point into it
};

#ifdef CPPVENV_SEED_LIBRARIES_LINKED
// Linked in (cppvenv.exe: there is no libzip DLL to load): the same table, bound
// to the functions themselves.
#define CPPVENV_BIND(library, table, name) table.name = &::name
#else
#define CPPVENV_BIND(library, table, name) library.bind(table.name, #name)
#endif

ZipLibrary load_zip_library() {
#ifndef CPPVENV_SEED_LIBRARIES_LINKED
    const LoadedLibrary library(CPPVENV_LIBZIP_SONAME, "libzip4");
#endif
    ZipLibrary table{};
    CPPVENV_BIND(library, table, zip_open);
    CPPVENV_BIND(library, table, zip_discard);
    CPPVENV_BIND(library, table, zip_get_num_entries);
    CPPVENV_BIND(library, table, zip_stat_init);
    CPPVENV_BIND(library, table, zip_stat_index);
    CPPVENV_BIND(library, table, zip_file_get_external_attributes);
    CPPVENV_BIND(library, table, zip_fopen_index);
    CPPVENV_BIND(library, table, zip_fread);
    CPPVENV_BIND(library, table, zip_fclose);
    CPPVENV_BIND(library, table, zip_strerror);
    CPPVENV_BIND(library, table, zip_file_strerror);
    CPPVENV_BIND(library, table, zip_error_init_with_code);
    CPPVENV_BIND(library, table, zip_error_strerror);
    CPPVENV_BIND(library, table, zip_error_fini);
#ifdef _WIN32
    CPPVENV_BIND(library, table, zip_source_win32w_create);
    CPPVENV_BIND(library, table, zip_open_from_source);
    CPPVENV_BIND(library, table, zip_source_free);
    CPPVENV_BIND(library, table, zip_error_code_zip);
#endif
    return table;
}

DeflateLibrary load_deflate_library() {
#ifndef CPPVENV_SEED_LIBRARIES_LINKED
    const LoadedLibrary library(CPPVENV_LIBDEFLATE_SONAME, "libdeflate0");
#endif
    DeflateLibrary table{};
    CPPVENV_BIND(library, table, libdeflate_alloc_decompressor);
    CPPVENV_BIND(library, table, libdeflate_free_decompressor);
    CPPVENV_BIND(library, table, libdeflate_deflate_decompress);
    CPPVENV_BIND(library, table, libdeflate_crc32);
    return table;
}

#undef CPPVENV_BIND

} // namespace

const ZipLibrary& zip_library() {
    static const ZipLibrary table = load_zip_library();
    return table;
}

const DeflateLibrary& deflate_library() {
    static const DeflateLibrary table = load_deflate_library();
    return table;
}

} // namespace cppvenv
