# The libraries of cppvenv.exe, for a Windows build with mingw-w64
# (scripts/build-windows). Debian packages no mingw builds of them, so:
# - CLI11, fmt (FMT_HEADER_ONLY), nlohmann-json, toml++ and Boost's headers are
#   header-only: the host's /usr/include copies, through a folder of links to
#   just those (mingw's C library headers must never mix with glibc's);
# - Boost.Filesystem, libzip and libdeflate are static libraries that
#   scripts/build-windows compiles from Debian's own source packages;
# - libcrypto has no Windows build here: sha256 comes from Windows' bcrypt
#   (seed/record_hash.cpp).
# CPPVENV_WINDOWS_DEPENDENCIES names the folder holding include/ and lib/.
set(CPPVENV_WINDOWS_DEPENDENCIES "" CACHE PATH "Headers and static libraries for cppvenv.exe")
if(NOT IS_DIRECTORY "${CPPVENV_WINDOWS_DEPENDENCIES}/include")
    message(FATAL_ERROR "CPPVENV_WINDOWS_DEPENDENCIES must name the folder scripts/build-windows "
                        "prepares (include/ and lib/)")
endif()
set(windows_include ${CPPVENV_WINDOWS_DEPENDENCIES}/include)
set(windows_lib ${CPPVENV_WINDOWS_DEPENDENCIES}/lib)

function(windows_header_library target)
    add_library(${target} INTERFACE IMPORTED)
    set_target_properties(${target} PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${windows_include}"
                                               INTERFACE_SYSTEM_INCLUDE_DIRECTORIES "${windows_include}"
                                               ${ARGN})
endfunction()
windows_header_library(CLI11::CLI11)
windows_header_library(nlohmann_json::nlohmann_json)
windows_header_library(fmt::fmt-header-only INTERFACE_COMPILE_DEFINITIONS FMT_HEADER_ONLY=1)

add_library(Boost::filesystem STATIC IMPORTED)
set_target_properties(Boost::filesystem PROPERTIES
    IMPORTED_LOCATION ${windows_lib}/libboost_filesystem.a
    INTERFACE_INCLUDE_DIRECTORIES "${windows_include}"
    INTERFACE_SYSTEM_INCLUDE_DIRECTORIES "${windows_include}"
    INTERFACE_COMPILE_DEFINITIONS "BOOST_FILESYSTEM_STATIC_LINK=1;BOOST_ALL_NO_LIB=1"
    # Its unique_path uses BCryptGenRandom.
    INTERFACE_LINK_LIBRARIES bcrypt)

# Linked in (no zip.dll to find at run time): seed/seed_libraries.cpp binds the
# functions directly when CPPVENV_SEED_LIBRARIES_LINKED is defined.
add_library(windows_libzip STATIC IMPORTED)
set_target_properties(windows_libzip PROPERTIES
    IMPORTED_LOCATION ${windows_lib}/libzip.a
    INTERFACE_INCLUDE_DIRECTORIES "${windows_include}"
    # zlib: Debian's libz-mingw-w64-dev, in mingw's own folder.
    INTERFACE_LINK_LIBRARIES z)
add_library(windows_libdeflate STATIC IMPORTED)
set_target_properties(windows_libdeflate PROPERTIES
    IMPORTED_LOCATION ${windows_lib}/libdeflate.a
    INTERFACE_INCLUDE_DIRECTORIES "${windows_include}")
set(TOMLPLUSPLUS_INCLUDE_DIR ${windows_include})
