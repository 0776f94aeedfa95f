// nlohmann/json (Debian's nlohmann-json3-dev): a well-kept, header-only JSON
// library; the facts are small and read once, so its convenience costs nothing.
#include "python/facts_json.hpp"

#include "util/error.hpp"
#include "util/json_byte_strings.hpp"

#include <nlohmann/json.hpp>
#include <utility>

namespace cppvenv {
using nlohmann::json;

namespace {

WindowsLayoutFacts windows_layout_from_json(const json& data) {
    WindowsLayoutFacts layout;
    if (data.is_null()) {
        return layout;
    }
    layout.venv_module_dir = data.at("venv_module_dir").get<std::string>();
    layout.venv_launchers = data.at("venv_launchers").get<std::vector<std::string>>();
    layout.executable_files = data.at("executable_files").get<std::vector<std::string>>();
    layout.is_python_build = data.at("is_python_build").get<bool>();
    layout.init_tcl = data.at("init_tcl").get<std::string>();
    return layout;
}

json windows_layout_to_json(const InterpreterFacts& facts) {
    if (facts.os_name != "nt") {
        return nullptr;
    }
    const WindowsLayoutFacts& layout = facts.windows;
    return {{"venv_module_dir", layout.venv_module_dir},
            {"venv_launchers", layout.venv_launchers},
            {"executable_files", layout.executable_files},
            {"is_python_build", layout.is_python_build},
            {"init_tcl", layout.init_tcl}};
}

// A version part: a whole number from 0 to 1000000. nlohmann's get<int>() of a
// float or of a number past INT_MAX is undefined behaviour, not an exception.
int version_part(const json& value) {
    if (!value.is_number_unsigned() || value.get<std::uint64_t>() > 1000000) {
        throw Error("unreadable interpreter facts: a version part is not a whole number from 0 "
                    "to 1000000, but a " +
                    std::string(value.type_name()));
    }
    return static_cast<int>(value.get<std::uint64_t>());
}

} // namespace

InterpreterFacts facts_from_parsed_json(json document) {
    InterpreterFacts facts;
    try {
        json data = with_byte_strings_decoded(std::move(document));
        facts.implementation = data.at("implementation").get<std::string>();
        const json& version = data.at("version");
        facts.major = version_part(version.at(0));
        facts.minor = version_part(version.at(1));
        facts.micro = version_part(version.at(2));
        if (!data.contains("executable")) {
            return facts; // an interpreter too old to report more
        }
        facts.abiflags = data.at("abiflags").get<std::string>();
        facts.free_threaded = data.at("free_threaded").get<bool>();
        facts.debug_build = data.at("debug_build").get<bool>();
        facts.executable = data.at("executable").get<std::string>();
        facts.real_executable = data.at("real_executable").get<std::string>();
        facts.base_prefix = data.at("base_prefix").get<std::string>();
        facts.platlibdir = data.at("platlibdir").get<std::string>();
        facts.os_name = data.at("os_name").get<std::string>();
        facts.is_64bit = data.at("is_64bit").get<bool>();
        facts.is_darwin = data.at("is_darwin").get<bool>();
        facts.scripts_dir = data.at("scripts_dir").get<std::string>();
        facts.include_dir = data.at("include_dir").get<std::string>();
        facts.purelib_dir = data.at("purelib_dir").get<std::string>();
        facts.platlib_dir = data.at("platlib_dir").get<std::string>();
        facts.has_ensurepip = data.at("has_ensurepip").get<bool>();
        for (const json& wheel : data.at("ensurepip_wheels")) {
            facts.ensurepip_wheels.push_back({wheel.at("project").get<std::string>(),
                                              wheel.at("version").get<std::string>(),
                                              wheel.at("path").get<std::string>()});
        }
        facts.shared_libraries_beside_executable =
            data.at("shared_libraries_beside_executable").get<std::vector<std::string>>();
        facts.windows = windows_layout_from_json(data.at("windows"));
    } catch (const json::exception& error) {
        throw Error(std::string("unreadable interpreter facts: ") + error.what());
    }
    return facts;
}

InterpreterFacts facts_from_json(const std::string& text) {
    json document;
    try {
        document = json::parse(text);
    } catch (const json::exception& error) {
        throw Error(std::string("unreadable interpreter facts: ") + error.what());
    }
    return facts_from_parsed_json(std::move(document));
}

std::string facts_to_json(const InterpreterFacts& facts) {
    json wheels = json::array();
    for (const BundledWheel& wheel : facts.ensurepip_wheels) {
        wheels.push_back(
            {{"project", wheel.project}, {"version", wheel.version}, {"path", wheel.path}});
    }
    json data = {
        {"implementation", facts.implementation},
        {"version", {facts.major, facts.minor, facts.micro}},
        {"abiflags", facts.abiflags},
        {"free_threaded", facts.free_threaded},
        {"debug_build", facts.debug_build},
        {"executable", facts.executable},
        {"real_executable", facts.real_executable},
        {"base_prefix", facts.base_prefix},
        {"platlibdir", facts.platlibdir},
        {"os_name", facts.os_name},
        {"is_64bit", facts.is_64bit},
        {"is_darwin", facts.is_darwin},
        {"scripts_dir", facts.scripts_dir},
        {"include_dir", facts.include_dir},
        {"purelib_dir", facts.purelib_dir},
        {"platlib_dir", facts.platlib_dir},
        {"has_ensurepip", facts.has_ensurepip},
        {"ensurepip_wheels", wheels},
        {"shared_libraries_beside_executable", facts.shared_libraries_beside_executable},
        {"windows", windows_layout_to_json(facts)},
    };
    return with_byte_strings_encoded(data).dump();
}

} // namespace cppvenv
