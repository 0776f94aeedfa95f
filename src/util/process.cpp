// Boost.Process (header-only, from Debian's libboost-dev) starts the child and
// collects both pipes without the deadlock a hand-written two-pipe reader risks.
#include "util/process.hpp"

#include "util/error.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/process.hpp>
#include <fmt/format.h>
#include <future>

namespace cppvenv {
namespace bp = boost::process;

ProcessResult run_process(const boost::filesystem::path& program,
                          const std::vector<std::string>& arguments, OutputHandling output) {
    ProcessResult result;
    std::error_code start_error;
    try {
        if (output == OutputHandling::Inherit) {
            bp::child child(program, bp::args(arguments), start_error);
            if (start_error) {
                throw Error(
                    fmt::format("cannot run {}: {}", program.string(), start_error.message()));
            }
            child.wait();
            result.exit_code = child.exit_code();
            return result;
        }
        boost::asio::io_context context;
        std::future<std::string> out;
        std::future<std::string> err;
        bp::child child(program, bp::args(arguments), bp::std_in.close(), bp::std_out > out,
                        bp::std_err > err, context, start_error);
        if (start_error) {
            throw Error(fmt::format("cannot run {}: {}", program.string(), start_error.message()));
        }
        context.run();
        child.wait();
        result.exit_code = child.exit_code();
        result.standard_output = out.get();
        result.standard_error = err.get();
    } catch (const bp::process_error& error) {
        throw Error(fmt::format("cannot run {}: {}", program.string(), error.what()));
    }
    return result;
}

} // namespace cppvenv
