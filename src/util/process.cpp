// Boost.Process (header-only, from Debian's libboost-dev) starts the child and
// collects both pipes without the deadlock a hand-written two-pipe reader risks;
// one Asio loop reads them and enforces the time and size limits.
#include "util/process.hpp"

#include "util/error.hpp"
#include "util/file_system.hpp"

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/process.hpp>
#include <fmt/format.h>
#include <functional>
#include <memory>

namespace cppvenv {
namespace bp = boost::process;
namespace asio = boost::asio;

namespace {

bp::environment child_environment(const ProcessOptions& options) {
    bp::environment environment = boost::this_process::environment();
    std::vector<std::string> names = options.unset_variables;
    for (const auto& entry : environment) {
        for (const std::string& prefix : options.unset_variable_prefixes) {
            if (entry.get_name().compare(0, prefix.size(), prefix) == 0) {
                names.push_back(entry.get_name());
            }
        }
    }
    for (const std::string& name : names) {
        environment.erase(name);
    }
    for (const auto& [name, value] : options.set_variables) {
        environment[name] = value;
    }
    return environment;
}

boost::filesystem::path working_directory(const ProcessOptions& options) {
    if (options.working_directory) {
        return *options.working_directory;
    }
    return current_directory(); // an Error, not a Boost exception, when it was deleted
}

// Reads one pipe to its end into `sink`, counting into the shared total.
class PipeReader {
public:
    PipeReader(bp::async_pipe& pipe, std::string& sink, std::function<bool(std::size_t)> on_data)
        : pipe_(pipe), sink_(sink), on_data_(std::move(on_data)) {}

    void start() {
        pipe_.async_read_some(asio::buffer(buffer_),
                              [this](const boost::system::error_code& error, std::size_t size) {
                                  sink_.append(buffer_.data(), size);
                                  if (!on_data_(size) || error) {
                                      done_ = true;
                                      return;
                                  }
                                  start();
                              });
    }
    bool done() const { return done_; }

private:
    bp::async_pipe& pipe_;
    std::string& sink_;
    std::function<bool(std::size_t)> on_data_;
    std::array<char, 65536> buffer_{};
    bool done_ = false;
};

std::string seconds_text(std::chrono::milliseconds timeout) {
    return fmt::format("{:g} s", static_cast<double>(timeout.count()) / 1000.0);
}

ProcessResult run_captured(const boost::filesystem::path& program,
                           const std::vector<std::string>& arguments,
                           const ProcessOptions& options) {
    ProcessResult result;
    asio::io_context context;
    bp::async_pipe out_pipe(context);
    bp::async_pipe err_pipe(context);
    std::error_code start_error;
    bp::child child(program, bp::args(arguments), bp::std_in.close(), bp::std_out > out_pipe,
                    bp::std_err > err_pipe, child_environment(options),
                    bp::start_dir = working_directory(options).string(), start_error);
    if (start_error) {
        throw Error(fmt::format("cannot run {}: {}", program.string(), start_error.message()));
    }
    enum class Stop { No, Timeout, TooMuchOutput } stop = Stop::No;
    std::size_t total = 0;
    asio::steady_timer timer(context);
    auto kill = [&](Stop why) {
        if (stop == Stop::No) {
            stop = why;
            std::error_code ignored;
            child.terminate(ignored);
            context.stop(); // a grandchild may hold the pipes open
        }
    };
    auto count = [&](std::size_t size) {
        total += size;
        if (total > options.output_limit) {
            kill(Stop::TooMuchOutput);
            return false;
        }
        return true;
    };
    PipeReader out_reader(out_pipe, result.standard_output, count);
    PipeReader err_reader(err_pipe, result.standard_error, count);
    out_reader.start();
    err_reader.start();
    if (options.timeout.count() > 0) {
        timer.expires_after(options.timeout);
        timer.async_wait([&](const boost::system::error_code& error) {
            if (!error) {
                kill(Stop::Timeout);
            }
        });
    }
    while (stop == Stop::No && !(out_reader.done() && err_reader.done())) {
        if (context.run_one() == 0) {
            break;
        }
    }
    timer.cancel();
    std::error_code wait_error;
    child.wait(wait_error);
    result.exit_code = stop == Stop::No ? child.exit_code() : -1;
    if (stop == Stop::Timeout) {
        throw Error(fmt::format("{} did not finish within {}; it was stopped", program.string(),
                                seconds_text(options.timeout)));
    }
    if (stop == Stop::TooMuchOutput) {
        throw Error(fmt::format("{} printed more than {} MiB; it was stopped", program.string(),
                                options.output_limit / (1024 * 1024)));
    }
    return result;
}

} // namespace

ProcessResult run_process(const boost::filesystem::path& program,
                          const std::vector<std::string>& arguments,
                          const ProcessOptions& options) {
    try {
        if (options.output == OutputHandling::Capture) {
            return run_captured(program, arguments, options);
        }
        std::error_code start_error;
        bp::child child(program, bp::args(arguments), child_environment(options),
                        bp::start_dir = working_directory(options).string(), start_error);
        if (start_error) {
            throw Error(fmt::format("cannot run {}: {}", program.string(), start_error.message()));
        }
        child.wait();
        ProcessResult result;
        result.exit_code = child.exit_code();
        return result;
    } catch (const bp::process_error& error) {
        throw Error(fmt::format("cannot run {}: {}", program.string(), error.what()));
    }
}

ProcessResult run_process(const boost::filesystem::path& program,
                          const std::vector<std::string>& arguments, OutputHandling output) {
    ProcessOptions options;
    options.output = output;
    return run_process(program, arguments, options);
}

} // namespace cppvenv
