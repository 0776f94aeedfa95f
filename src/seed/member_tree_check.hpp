#pragma once
// The cheap check of a cache entry's member tree, file by file: begun on
// another thread, for the caller to do other work meanwhile, then shared.

#include "seed/wheel_archive.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cppvenv {

// Looks at every member of `members` below `top` (an open folder of the
// entry: its files/ or a compiled tree), by path, without opening a folder:
// each folder on a path first (a real folder of this user that nobody else may
// write), then the member (a regular file of this user, read-only, of its size,
// with its executable bit); in a compiled tree (`compiled`) each module's
// __pycache__ folder too, as Python reads bytecode from it.
//
// A look costs some 2 µs here (a system call and a path walk): pip's 600 are
// more than a millisecond. The constructor starts another thread on them
// (where there are enough and a second processor); finish() looks on this
// thread too, then waits for the other. A second thread starts a few hundred
// µs late on a 2-core VM, so it pays only while this one has other work to do.
class MemberTreeCheck {
public:
    // Two: a second thread (where there are enough members and processors),
    // for a caller with other work meanwhile. One: all on finish()'s.
    enum class Threads { One, Two };
    // `top` and the members must outlive the check (until finish() or the
    // destructor); the vector may move, its elements may not.
    MemberTreeCheck(int top, const std::vector<ArchiveMember>& members, bool compiled,
                    Threads threads);
    // A check that found `problem` before it began (the tree's own folder).
    explicit MemberTreeCheck(std::string problem);
    MemberTreeCheck(MemberTreeCheck&&) noexcept;
    MemberTreeCheck& operator=(MemberTreeCheck&&) = delete;
    ~MemberTreeCheck(); // stops and waits for the other thread

    // std::nullopt when every member is as above; else what is wrong with the
    // first member, in order, that is not (the same answer on one thread or
    // two). Once only.
    std::optional<std::string> finish();

    struct Shared;

private:
    std::unique_ptr<Shared> shared_;
};

} // namespace cppvenv
