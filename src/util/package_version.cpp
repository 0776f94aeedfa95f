#include "util/package_version.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace cppvenv {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_separator(char c) {
    return c == '-' || c == '_' || c == '.';
}
bool is_alphanumeric(char c) {
    return is_digit(c) || (c >= 'a' && c <= 'z');
}

std::string without_leading_zeros(std::string_view digits) {
    const size_t first = std::min(digits.find_first_not_of('0'), digits.size());
    return first == digits.size() ? std::string("0") : std::string(digits.substr(first));
}

// -1, 0 or 1 for two digit strings, as numbers of any length.
int compare_numbers(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) {
        return a.size() < b.size() ? -1 : 1;
    }
    const int order = a.compare(b);
    return order < 0 ? -1 : order > 0 ? 1 : 0;
}

template <typename T> int compare_plain(const T& a, const T& b) {
    return a < b ? -1 : b < a ? 1 : 0;
}

// A cursor over the lower-cased text, with the small matchers the grammar needs.
class Reader {
public:
    explicit Reader(std::string text) : text_(std::move(text)) {}
    bool at_end() const { return position_ == text_.size(); }
    char peek(size_t ahead = 0) const {
        return position_ + ahead < text_.size() ? text_[position_ + ahead] : '\0';
    }
    size_t position() const { return position_; }
    void rewind(size_t position) { position_ = position; }
    bool take(char c) {
        if (peek() != c) {
            return false;
        }
        ++position_;
        return true;
    }
    bool take(std::string_view word) {
        if (text_.compare(position_, word.size(), word) != 0) {
            return false;
        }
        position_ += word.size();
        return true;
    }
    void take_separator() {
        if (is_separator(peek())) {
            ++position_;
        }
    }
    // The digits at the cursor, without leading zeros; nullopt when there are none.
    std::optional<std::string> take_number() {
        const size_t start = position_;
        while (is_digit(peek())) {
            ++position_;
        }
        if (start == position_) {
            return std::nullopt;
        }
        return without_leading_zeros(std::string_view(text_).substr(start, position_ - start));
    }
    std::string take_alphanumerics() {
        const size_t start = position_;
        while (is_alphanumeric(peek())) {
            ++position_;
        }
        return text_.substr(start, position_ - start);
    }

private:
    std::string text_;
    size_t position_ = 0;
};

std::string trimmed_lower_case(std::string_view text) {
    const char* space = " \t\n\r\f\v";
    const size_t begin = text.find_first_not_of(space);
    if (begin == std::string_view::npos) {
        return std::string();
    }
    std::string result(text.substr(begin, text.find_last_not_of(space) - begin + 1));
    for (char& c : result) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return result;
}

// [-_.]? (alpha|a|beta|b|preview|pre|c|rc) [-_.]? N?
bool read_pre_release(Reader& reader, PackageVersion& version) {
    using Kind = PackageVersion::PreKind;
    static const std::array<std::pair<std::string_view, Kind>, 8> spellings = {{
        {"alpha", Kind::Alpha},
        {"a", Kind::Alpha},
        {"beta", Kind::Beta},
        {"b", Kind::Beta},
        {"preview", Kind::ReleaseCandidate},
        {"pre", Kind::ReleaseCandidate},
        {"c", Kind::ReleaseCandidate},
        {"rc", Kind::ReleaseCandidate},
    }};
    const size_t start = reader.position();
    reader.take_separator();
    for (const auto& [spelling, kind] : spellings) {
        if (reader.take(spelling)) {
            version.pre_kind = kind;
            reader.take_separator();
            version.pre_number = reader.take_number().value_or("0");
            return true;
        }
    }
    reader.rewind(start);
    return false;
}

// -N, or [-_.]? (post|rev|r) [-_.]? N?
void read_post_release(Reader& reader, PackageVersion& version) {
    const size_t start = reader.position();
    if (reader.take('-')) {
        if (std::optional<std::string> number = reader.take_number()) {
            version.post = *number;
            return;
        }
        reader.rewind(start);
    }
    reader.take_separator();
    for (std::string_view spelling : {"post", "rev", "r"}) {
        if (reader.take(spelling)) {
            reader.take_separator();
            version.post = reader.take_number().value_or("0");
            return;
        }
    }
    reader.rewind(start);
}

// [-_.]? dev [-_.]? N?
void read_dev_release(Reader& reader, PackageVersion& version) {
    const size_t start = reader.position();
    reader.take_separator();
    if (reader.take("dev")) {
        reader.take_separator();
        version.dev = reader.take_number().value_or("0");
        return;
    }
    reader.rewind(start);
}

// + [a-z0-9]+ ([-_.][a-z0-9]+)*
bool read_local(Reader& reader, PackageVersion& version) {
    if (!reader.take('+')) {
        return true;
    }
    do {
        std::string part = reader.take_alphanumerics();
        if (part.empty()) {
            return false;
        }
        const bool numeric = std::all_of(part.begin(), part.end(), is_digit);
        version.local.push_back(numeric ? without_leading_zeros(part) : part);
    } while (is_separator(reader.peek()) && reader.take(reader.peek()));
    return true;
}

bool is_number(const std::string& part) {
    return std::all_of(part.begin(), part.end(), is_digit);
}

int compare_local(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
        const bool a_number = is_number(a[i]);
        const bool b_number = is_number(b[i]);
        int order = 0;
        if (a_number != b_number) {
            order = a_number ? 1 : -1; // a number sorts after a word
        } else {
            order = a_number ? compare_numbers(a[i], b[i]) : compare_plain(a[i], b[i]);
        }
        if (order != 0) {
            return order;
        }
    }
    return compare_plain(a.size(), b.size());
}

int compare_release(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
        if (int order = compare_numbers(a[i], b[i]); order != 0) {
            return order;
        }
    }
    return compare_plain(a.size(), b.size());
}

// An absent post-release sorts first, an absent dev-release last.
int compare_optional_number(const std::optional<std::string>& a,
                            const std::optional<std::string>& b, int when_absent) {
    if (a && b) {
        return compare_numbers(*a, *b);
    }
    if (!a && !b) {
        return 0;
    }
    return a ? -when_absent : when_absent;
}

int compare_parsed_versions(const PackageVersion& a, const PackageVersion& b) {
    if (int order = compare_numbers(a.epoch, b.epoch); order != 0) {
        return order;
    }
    if (int order = compare_release(a.release, b.release); order != 0) {
        return order;
    }
    if (int order = compare_plain(a.pre_kind, b.pre_kind); order != 0) {
        return order;
    }
    if (int order = compare_numbers(a.pre_number, b.pre_number); order != 0) {
        return order;
    }
    if (int order = compare_optional_number(a.post, b.post, -1); order != 0) {
        return order;
    }
    if (int order = compare_optional_number(a.dev, b.dev, 1); order != 0) {
        return order;
    }
    return compare_local(a.local, b.local);
}

} // namespace

std::optional<PackageVersion> parse_package_version(std::string_view text) {
    Reader reader(trimmed_lower_case(text));
    PackageVersion version;
    reader.take('v');
    const size_t start = reader.position();
    if (std::optional<std::string> epoch = reader.take_number(); epoch && reader.take('!')) {
        version.epoch = *epoch;
    } else {
        reader.rewind(start);
    }
    do {
        std::optional<std::string> number = reader.take_number();
        if (!number) {
            return std::nullopt;
        }
        version.release.push_back(*number);
    } while (reader.peek() == '.' && is_digit(reader.peek(1)) && reader.take('.'));
    while (version.release.size() > 1 && version.release.back() == "0") {
        version.release.pop_back();
    }
    read_pre_release(reader, version);
    read_post_release(reader, version);
    read_dev_release(reader, version);
    if (version.pre_kind == PackageVersion::PreKind::None && !version.post && version.dev) {
        version.pre_kind = PackageVersion::PreKind::DevOnly; // 1.0.dev0 < 1.0a0
    }
    if (version.pre_kind == PackageVersion::PreKind::None ||
        version.pre_kind == PackageVersion::PreKind::DevOnly) {
        version.pre_number = "0";
    }
    if (!read_local(reader, version) || !reader.at_end()) {
        return std::nullopt;
    }
    return version;
}

bool is_prerelease(const PackageVersion& version) {
    // DevOnly is how parsing marks 1.0.dev0 (to sort it before 1.0a0).
    return version.pre_kind != PackageVersion::PreKind::None || version.dev.has_value();
}

int compare_package_versions(const PackageVersion& a, const PackageVersion& b) {
    return compare_parsed_versions(a, b);
}

int compare_versions(std::string_view a, std::string_view b) {
    const std::optional<PackageVersion> parsed_a = parse_package_version(a);
    const std::optional<PackageVersion> parsed_b = parse_package_version(b);
    if (parsed_a && parsed_b) {
        return compare_package_versions(*parsed_a, *parsed_b);
    }
    if (!parsed_a && !parsed_b) {
        return compare_plain(a, b);
    }
    return parsed_a ? 1 : -1;
}

} // namespace cppvenv
