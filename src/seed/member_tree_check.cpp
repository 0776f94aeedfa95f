// The cheap check of a cache entry's member tree, on two threads where it pays.
#include "seed/member_tree_check.hpp"

#include "seed/wheel_cache_folders.hpp"
#include "util/platform.hpp"
#include "util/text.hpp"
#include "util/tree_writer.hpp"
#include "util/worker_thread.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <fmt/format.h>
#include <mutex>
#include <string_view>
#include <system_error>
#include <unordered_set>

namespace cppvenv {

namespace {

// The threads take runs of this many members in turn (consecutive members
// mostly share their folders, which each thread looks at once).
constexpr std::size_t members_per_run = 64;

// One thread's looks, remembering the folders it has already found trusted.
class MemberLooker {
public:
    MemberLooker(int top, bool compiled) : top_(top), compiled_(compiled) {}

    // What is wrong with `member`, or std::nullopt.
    std::optional<std::string> problem_with(const ArchiveMember& member) {
        const auto [parent, name] = split_parent(member.name);
        if (parent != current_) {
            current_ = parent;
            if (!is_trusted_path(parent)) {
                return fmt::format("the folder of {} is missing, not yours or writable by others",
                                   member.name);
            }
        }
        platform::EntryIdentity identity;
        if (platform::identity_at(top_, member.name, identity) != 0 ||
            identity.type != platform::PathType::File ||
            identity.owner != platform::current_user_id() || identity.size != member.size ||
            !wheel_cache_folders::is_read_only(identity.mode) ||
            ((identity.mode & 0100) != 0) != member.is_executable) {
            return fmt::format("{} is missing, changed or not read-only", member.name);
        }
        platform::EntryIdentity bytecode;
        if (compiled_ && ends_with(name, ".py") && checked_bytecode_.insert(parent).second &&
            (platform::identity_at(
                 top_, parent.empty() ? "__pycache__" : std::string(parent) + "/__pycache__",
                 bytecode) != 0 ||
             !is_private_folder(bytecode))) {
            return fmt::format("the bytecode of {} is missing, not yours or writable by others",
                               member.name);
        }
        return std::nullopt;
    }

private:
    // Each folder on the path, from the top: none can be swapped but by its owner.
    bool is_trusted_path(std::string_view folder) {
        for (std::string_view::size_type slash = 0; slash != std::string_view::npos;) {
            slash = folder.find('/', slash + 1);
            const std::string_view up_to = folder.substr(0, slash);
            platform::EntryIdentity identity;
            if (checked_folders_.insert(up_to).second &&
                (platform::identity_at(top_, std::string(up_to), identity) != 0 ||
                 !is_private_folder(identity))) {
                return false;
            }
        }
        return true;
    }

    int top_;
    bool compiled_;
    std::unordered_set<std::string_view> checked_folders_{""};
    std::unordered_set<std::string_view> checked_bytecode_;
    std::string_view current_ = "\n"; // no member's folder
};

} // namespace

struct MemberTreeCheck::Shared {
    Shared(int top, const ArchiveMember* members, std::size_t count, bool compiled)
        : top(top), members(members), count(count), compiled(compiled), first_failing(count) {}

    // Looks at runs of members until none is left or one before them failed.
    void look() {
        MemberLooker looker(top, compiled);
        for (std::size_t begin = next_run.fetch_add(members_per_run);
             begin < count && begin < first_failing; begin = next_run.fetch_add(members_per_run)) {
            const std::size_t end = std::min(count, begin + members_per_run);
            for (std::size_t i = begin; i < end; ++i) {
                if (std::optional<std::string> problem = looker.problem_with(members[i])) {
                    const std::lock_guard<std::mutex> lock(failing);
                    if (i < first_failing) {
                        first_failing = i;
                        first_problem = std::move(*problem);
                    }
                    return;
                }
            }
        }
    }

    void stop_and_wait() {
        if (other) {
            first_failing = 0; // no run is taken after this
            other->join();
            other.reset();
        }
    }

    const int top;
    // The members themselves, not their vector: a vector moved meanwhile keeps
    // its elements where they are (the entry itself must not move before
    // finish(): UnpackedWheel::begin_member_files_check).
    const ArchiveMember* const members;
    const std::size_t count;
    const bool compiled;
    std::atomic<std::size_t> next_run{0};
    // The first failing member found so far (`count`: none). Runs are
    // taken in order, so every run before a failing one has been taken and is
    // finished: the first failure in order is always the one found.
    std::atomic<std::size_t> first_failing;
    std::mutex failing;
    std::string first_problem;
    std::exception_ptr error; // what a look threw on the other thread (no memory)
    std::optional<WorkerThread> other;
};

MemberTreeCheck::MemberTreeCheck(int top, const std::vector<ArchiveMember>& members, bool compiled,
                                 Threads threads)
    : shared_(std::make_unique<Shared>(top, members.data(), members.size(), compiled)) {
    if (threads == Threads::One || members.size() < 2 * members_per_run ||
        platform::available_cores() < 2) {
        return;
    }
    Shared* shared = shared_.get();
    try {
        shared->other.emplace([shared] {
            try {
                shared->look();
            } catch (...) {
                shared->error = std::current_exception();
                shared->first_failing = 0;
            }
        });
    } catch (const std::system_error&) {
        // No second thread: all looks on this one.
    }
}

MemberTreeCheck::MemberTreeCheck(std::string problem)
    : shared_(std::make_unique<Shared>(-1, nullptr, 0, false)) {
    shared_->first_failing = 0;
    shared_->first_problem = std::move(problem);
}

MemberTreeCheck::MemberTreeCheck(MemberTreeCheck&&) noexcept = default;

MemberTreeCheck::~MemberTreeCheck() {
    if (shared_) {
        shared_->stop_and_wait();
    }
}

std::optional<std::string> MemberTreeCheck::finish() {
    Shared& shared = *shared_;
    try {
        shared.look();
    } catch (...) {
        shared.stop_and_wait();
        throw;
    }
    if (shared.other) {
        shared.other->join();
        shared.other.reset();
    }
    if (shared.error) {
        std::rethrow_exception(shared.error);
    }
    if (!shared.first_problem.empty()) {
        return shared.first_problem;
    }
    return std::nullopt;
}

} // namespace cppvenv
