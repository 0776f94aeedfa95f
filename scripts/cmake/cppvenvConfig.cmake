# find_package(cppvenv) support: the cppvenv executable as cppvenv::cppvenv,
# and cppvenv_add_venv() to get a Python venv with a project's build tools.
# Installed by cppvenv's `cmake --install` (and its .deb) into
# <prefix>/share/cmake/cppvenv/.
cmake_minimum_required(VERSION 3.20)

get_filename_component(_cppvenv_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
find_program(CPPVENV_EXECUTABLE cppvenv HINTS "${_cppvenv_prefix}/bin" NO_DEFAULT_PATH)
find_program(CPPVENV_EXECUTABLE cppvenv)
unset(_cppvenv_prefix)
if(NOT CPPVENV_EXECUTABLE)
    set(cppvenv_FOUND FALSE)
    set(cppvenv_NOT_FOUND_MESSAGE "the cppvenv executable was not found beside ${CMAKE_CURRENT_LIST_FILE}")
    return()
endif()
if(NOT TARGET cppvenv::cppvenv)
    add_executable(cppvenv::cppvenv IMPORTED)
    set_target_properties(cppvenv::cppvenv PROPERTIES IMPORTED_LOCATION "${CPPVENV_EXECUTABLE}")
endif()

# cppvenv_add_venv(NAME <target> DIR <venv folder>
#                  [PYTHON <version, command or path>] [PROMPT <prompt>]
#                  [REQUIREMENTS <file>...] [SEED_FROM <wheel folder>]
#                  [PIP_ARGS <argument>...])
#
# Defines the build target <target>, which creates the venv DIR at build time
# and installs the requirements with the venv's own pip (offline, with
# --no-index --find-links, when SEED_FROM names a folder of wheels). The venv is
# made again (cppvenv create --clear) only when cppvenv, these arguments or a
# requirements file changed. Sets, in the caller's scope:
#   <target>_PYTHON  the venv's interpreter, for add_custom_command(COMMAND ...)
#   <target>_STAMP   a file that changes whenever the venv is made again, for
#                    add_custom_command(DEPENDS ...)
# A target that runs <target>_PYTHON declares add_dependencies(<it> <target>).
function(cppvenv_add_venv)
    cmake_parse_arguments(PARSE_ARGV 0 arg "" "NAME;DIR;PYTHON;PROMPT;SEED_FROM"
                          "REQUIREMENTS;PIP_ARGS")
    if(arg_UNPARSED_ARGUMENTS)
        message(FATAL_ERROR "cppvenv_add_venv: unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
    endif()
    foreach(required NAME DIR)
        if(NOT arg_${required})
            message(FATAL_ERROR "cppvenv_add_venv: ${required} is required")
        endif()
    endforeach()
    get_filename_component(venv "${arg_DIR}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
    if(WIN32)
        set(python "${venv}/Scripts/python.exe")
    else()
        set(python "${venv}/bin/python")
    endif()

    set(create_arguments create --clear)
    if(arg_PYTHON)
        list(APPEND create_arguments --python "${arg_PYTHON}")
    endif()
    if(arg_PROMPT)
        list(APPEND create_arguments --prompt "${arg_PROMPT}")
    endif()
    list(APPEND create_arguments "${venv}")

    set(requirements "")
    set(install_command "")
    if(arg_REQUIREMENTS)
        set(pip_arguments install --disable-pip-version-check --quiet)
        if(arg_SEED_FROM)
            get_filename_component(seed_from "${arg_SEED_FROM}" ABSOLUTE
                                   BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
            list(APPEND pip_arguments --no-index --find-links "${seed_from}")
        endif()
        foreach(file IN LISTS arg_REQUIREMENTS)
            get_filename_component(file "${file}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
            list(APPEND requirements "${file}")
            list(APPEND pip_arguments --requirement "${file}")
        endforeach()
        list(APPEND pip_arguments ${arg_PIP_ARGS})
        set(install_command COMMAND "${python}" -m pip ${pip_arguments})
    endif()

    # The arguments in a file that is rewritten only when they change, so a
    # new spec (another PYTHON, more PIP_ARGS) makes the venv again.
    set(spec_file "${CMAKE_CURRENT_BINARY_DIR}/${arg_NAME}.cppvenv-spec")
    set(stamp "${CMAKE_CURRENT_BINARY_DIR}/${arg_NAME}.cppvenv-stamp")
    string(REPLACE ";" "\n" spec "create ${create_arguments}\npip ${install_command}")
    set(previous_spec "")
    if(EXISTS "${spec_file}")
        file(READ "${spec_file}" previous_spec)
    endif()
    if(NOT previous_spec STREQUAL "${spec}\n")
        file(WRITE "${spec_file}" "${spec}\n")
    endif()

    # pip must be there to install the requirements, whatever a config file or
    # CPPVENV_WITHOUT_PIP in the build's environment says.
    set(environment "")
    if(arg_REQUIREMENTS)
        set(environment "${CMAKE_COMMAND}" -E env CPPVENV_WITHOUT_PIP=0)
    endif()
    add_custom_command(
        OUTPUT "${stamp}"
        COMMAND ${environment} "${CPPVENV_EXECUTABLE}" --quiet ${create_arguments}
        ${install_command}
        COMMAND "${CMAKE_COMMAND}" -E touch "${stamp}"
        DEPENDS "${CPPVENV_EXECUTABLE}" "${spec_file}" ${requirements}
        COMMENT "Creating the Python venv ${venv} (${arg_NAME})"
        VERBATIM)
    add_custom_target(${arg_NAME} DEPENDS "${stamp}")
    set(${arg_NAME}_PYTHON "${python}" PARENT_SCOPE)
    set(${arg_NAME}_STAMP "${stamp}" PARENT_SCOPE)
endfunction()
