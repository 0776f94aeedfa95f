#pragma once

// libzip and libdeflate, loaded when the seed first needs them rather than by
// the dynamic loader at every start: mapping and relocating them costs about
// 3 ms, more than all the rest of a `create --without-pip`. The
// headers still declare every function, so each pointer below has exactly the
// type of the function it holds, and a call reads like a direct one:
// `zip_library().zip_open(...)`.

#include <libdeflate.h>
#include <zip.h>

namespace cppvenv {

struct ZipLibrary {
    decltype(&::zip_open) zip_open;
    decltype(&::zip_discard) zip_discard;
    decltype(&::zip_get_num_entries) zip_get_num_entries;
    decltype(&::zip_stat_init) zip_stat_init;
    decltype(&::zip_stat_index) zip_stat_index;
    decltype(&::zip_file_get_external_attributes) zip_file_get_external_attributes;
    decltype(&::zip_fopen_index) zip_fopen_index;
    decltype(&::zip_fread) zip_fread;
    decltype(&::zip_fclose) zip_fclose;
    decltype(&::zip_strerror) zip_strerror;
    decltype(&::zip_file_strerror) zip_file_strerror;
    decltype(&::zip_error_init_with_code) zip_error_init_with_code;
    decltype(&::zip_error_strerror) zip_error_strerror;
    decltype(&::zip_error_fini) zip_error_fini;
#ifdef _WIN32
    // Opening by a wide path: zip_open takes the ANSI code page's bytes there.
    decltype(&::zip_source_win32w_create) zip_source_win32w_create;
    decltype(&::zip_open_from_source) zip_open_from_source;
    decltype(&::zip_source_free) zip_source_free;
    decltype(&::zip_error_code_zip) zip_error_code_zip;
#endif
};

// Inflates a wheel's members about twice as fast as zlib (which libzip uses),
// from the compressed bytes libzip hands over whole (seed/wheel_archive.cpp).
struct DeflateLibrary {
    decltype(&::libdeflate_alloc_decompressor) libdeflate_alloc_decompressor;
    decltype(&::libdeflate_free_decompressor) libdeflate_free_decompressor;
    decltype(&::libdeflate_deflate_decompress) libdeflate_deflate_decompress;
    decltype(&::libdeflate_crc32) libdeflate_crc32;
};

// Loaded on the first call (thread-safe), then the same table every time.
// Throws Error naming the library and the package to install when it cannot
// be loaded or lacks a function.
const ZipLibrary& zip_library();
const DeflateLibrary& deflate_library();

} // namespace cppvenv
