// How `--help` looks (see help_format.hpp).
#include "cli/help_format.hpp"

#include <sstream>

namespace cppvenv {

namespace {

const CLI::App* root_of(const CLI::App* app) {
    while (app->get_parent() != nullptr) {
        app = app->get_parent();
    }
    return app;
}

} // namespace

void HelpFormatter::set_usage_tail(const CLI::App* app, std::string tail) {
    usage_tails_[app] = std::move(tail);
}

std::string HelpFormatter::make_option_opts(const CLI::Option* option) const {
    // CLI11's own, less the "Needs:" and "Excludes:" lists.
    std::ostringstream out;
    if (!option->get_option_text().empty()) {
        out << " " << option->get_option_text();
    } else if (option->get_type_size() != 0) {
        if (!option->get_type_name().empty()) {
            out << " " << get_label(option->get_type_name());
        }
        if (!option->get_default_str().empty()) {
            out << "=" << option->get_default_str();
        }
        if (option->get_expected_max() == CLI::detail::expected_max_vector_size) {
            out << " ...";
        } else if (option->get_expected_min() > 1) {
            out << " x " << option->get_expected();
        }
        if (option->get_required()) {
            out << " " << get_label("REQUIRED");
        }
    }
    return out.str();
}

std::vector<const CLI::Option*> global_options(const CLI::App& root) {
    return root.get_options([&root](const CLI::Option* option) {
        return option->nonpositional() && option != root.get_help_ptr() &&
               option != root.get_help_all_ptr() && option->get_name() != "--version";
    });
}

std::string HelpFormatter::make_footer(const CLI::App* app) const {
    const std::string footer = CLI::Formatter::make_footer(app);
    if (app->get_parent() == nullptr) {
        return footer;
    }
    // make_group starts with a newline; make_help already put one before us.
    std::string global = make_group("Global options (before or after the command)", false,
                                    global_options(*root_of(app)));
    return global.substr(1) + (footer.empty() ? "" : "\n" + footer);
}

std::string HelpFormatter::make_usage(const CLI::App* app, std::string name) const {
    std::string usage = CLI::Formatter::make_usage(app, std::move(name));
    auto tail = usage_tails_.find(app);
    if (tail != usage_tails_.end() && !usage.empty() && usage.back() == '\n') {
        usage.insert(usage.size() - 1, " " + tail->second);
    }
    return usage;
}

std::shared_ptr<HelpFormatter> install_help_formatter(CLI::App& root) {
    auto formatter = std::make_shared<HelpFormatter>();
    root.formatter(formatter);
    return formatter;
}

} // namespace cppvenv
