// The on-disk cache of InterpreterFacts, keyed by the executable's identity.
#include "python/facts_cache.hpp"

#include "python/facts_json.hpp"
#include "util/error.hpp"
#include "util/file_system.hpp"
#include "util/json_byte_strings.hpp"
#include "util/output.hpp"
#include "util/platform.hpp"
#include "util/private_folder.hpp"

#include <boost/filesystem/operations.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <utility>

namespace cppvenv {
namespace fs = boost::filesystem;
using nlohmann::json;

bool FactsCacheKey::operator==(const FactsCacheKey& other) const {
    return path == other.path && real_path == other.real_path && size == other.size &&
           mtime_ns == other.mtime_ns && inode == other.inode &&
           script_digest == other.script_digest;
}

std::optional<FactsCacheKey> facts_cache_key(const fs::path& path,
                                             const std::string& script_digest) {
    std::optional<platform::FileIdentity> identity = platform::file_identity(path);
    if (!identity) {
        return std::nullopt;
    }
    boost::system::error_code error;
    fs::path real = fs::canonical(path, error);
    if (error) {
        return std::nullopt;
    }
    FactsCacheKey key;
    key.path = path.string();
    key.real_path = real.string();
    key.size = identity->size;
    key.mtime_ns = identity->mtime_ns;
    key.inode = identity->inode;
    key.script_digest = script_digest;
    return key;
}

std::string stable_digest(std::string_view data) {
    std::uint64_t hash = 14695981039346656037ull;
    for (unsigned char c : data) {
        hash ^= c;
        hash *= 1099511628211ull;
    }
    return fmt::format("{:016x}", hash);
}

namespace {

// Paths that are not valid UTF-8 as {"bytes": HEX}, as in the facts themselves.
json key_to_json(const FactsCacheKey& key) {
    return with_byte_strings_encoded({{"path", key.path},
                                      {"real_path", key.real_path},
                                      {"size", key.size},
                                      {"mtime_ns", key.mtime_ns},
                                      {"inode", key.inode},
                                      {"script_digest", key.script_digest}});
}

} // namespace

FactsCache::FactsCache(fs::path directory) : directory_(std::move(directory)) {}
FactsCache::~FactsCache() = default;
FactsCache::FactsCache(FactsCache&&) noexcept = default;

namespace {
constexpr std::size_t largest_entry = 4 * 1024 * 1024; // facts are a few KiB
} // namespace

namespace {
std::string entry_name(const FactsCacheKey& key) {
    return std::string(facts_folder) + "/" + stable_digest(key.path) + ".json";
}
} // namespace

fs::path FactsCache::entry_path(const FactsCacheKey& key) const {
    return directory_ / entry_name(key);
}

TreeWriter* FactsCache::folder() const {
    if (opened_) {
        return folder_.get();
    }
    opened_ = true;
    std::string problem;
    std::optional<PrivateFolder> top = open_private_folder(directory_, problem);
    if (!top) {
        print_verbose(fmt::format("not using the cache of interpreter facts: {}", problem));
        return nullptr;
    }
    try {
        const int descriptor = platform::duplicate_directory(top->descriptor.get());
        if (descriptor < 0) {
            throw_system_error("cannot open", top->real_path);
        }
        folder_ = std::make_unique<TreeWriter>(TreeWriter::OpenRoot{descriptor, top->real_path});
        folder_->limit_new_folder_mode(0755);
        folder_->make_folders(facts_folder);
        platform::EntryIdentity identity;
        const int interpreters = folder_->open_folder(facts_folder);
        if (interpreters < 0 || platform::identity_of(interpreters, identity) != 0 ||
            !is_private_folder(identity)) {
            print_verbose(fmt::format("not using the cache of interpreter facts: {} is not a "
                                      "folder of yours that only you may write to",
                                      (top->real_path / facts_folder).string()));
            folder_.reset();
        }
    } catch (const Error& error) {
        print_verbose(fmt::format("not using the cache of interpreter facts: {}", error.what()));
        folder_.reset();
    }
    return folder_.get();
}

std::optional<InterpreterFacts> FactsCache::load(const FactsCacheKey& key) const {
    TreeWriter* cache = folder();
    std::optional<std::string> text =
        cache ? cache->read_file(entry_name(key), largest_entry) : std::nullopt;
    if (!text) {
        return std::nullopt;
    }
    try {
        json entry = json::parse(*text);
        if (entry.at("key") != key_to_json(key)) {
            return std::nullopt;
        }
        return facts_from_parsed_json(std::move(entry.at("facts")));
    } catch (const json::exception&) {
        return std::nullopt;
    } catch (const Error&) {
        return std::nullopt;
    }
}

void FactsCache::store(const FactsCacheKey& key, const InterpreterFacts& facts) const {
    TreeWriter* cache = folder();
    if (cache == nullptr) {
        return;
    }
    try {
        json entry = {{"key", key_to_json(key)}, {"facts", json::parse(facts_to_json(facts))}};
        cache->write_file(entry_name(key), entry.dump() + "\n", 0644, Existing::Replace);
    } catch (const std::exception&) {
        // A cache we cannot write only costs speed next time.
    }
}

} // namespace cppvenv
