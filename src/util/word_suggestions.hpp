#pragma once
// "Did you mean": the known word closest to a misspelt one.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cppvenv {

// Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`:
// the optimal string alignment distance, so "clera" is one edit from "clear".
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, when it is close enough to be what was meant:
// at most one edit for words up to five letters, then one more per three
// letters, at most three. Ties go to the earlier candidate.
std::optional<std::string> closest_word(std::string_view word,
                                        const std::vector<std::string>& candidates);

} // namespace cppvenv
