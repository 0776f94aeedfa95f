#pragma once
// The sha256 digests of a wheel's RECORD.

#include <memory>
#include <string>
#include <string_view>

namespace cppvenv {

// A streaming hash in the form a wheel's RECORD uses: "sha256=<urlsafe base64,
// no padding>". Backed by OpenSSL's SHA-2 functions (linked in from libcrypto.a),
// and by Windows' own bcrypt in cppvenv.exe: one primitive, chosen at compile time.
class RecordHasher {
public:
    // `algorithm` is "sha256", "sha384" or "sha512"; anything else throws Error.
    explicit RecordHasher(std::string_view algorithm = "sha256");
    ~RecordHasher();
    RecordHasher(const RecordHasher&) = delete;
    RecordHasher& operator=(const RecordHasher&) = delete;

    void update(std::string_view data);
    // "sha256=..." for everything passed to update(); call once.
    std::string finish();
    // The digest as lower-case hex, without the algorithm; instead of finish().
    std::string finish_hex();

private:
    struct State;
    std::unique_ptr<State> state_;
    std::string algorithm_;
};

// The algorithm of a RECORD hash: "sha256" of "sha256=...".
std::string_view hash_algorithm_of(std::string_view record_hash);

// The RECORD hash of `data` with sha256.
std::string record_hash_of(std::string_view data);

// Base64 with '-' and '_' for '+' and '/', and no '=' padding (PEP 427).
std::string urlsafe_base64_without_padding(std::string_view bytes);

} // namespace cppvenv
