// The facts JSON (inspect_interpreter.py's output, the facts cache): facts or an
// Error, and facts read back from what facts_to_json wrote are the same facts.
#include "python/facts_json.hpp"

#include "util/error.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    cppvenv::InterpreterFacts facts;
    try {
        facts = cppvenv::facts_from_json(std::string(reinterpret_cast<const char*>(data), size));
    } catch (const cppvenv::Error&) {
        return 0;
    }
    const std::string written = cppvenv::facts_to_json(facts);
    if (cppvenv::facts_to_json(cppvenv::facts_from_json(written)) != written) {
        std::abort(); // a round trip through the cache changed the facts
    }
    return 0;
}
