// The sha256 digests of a wheel's RECORD.
#include "seed/record_hash.hpp"

#include "util/error.hpp"

#include <algorithm>
#include <fmt/format.h>

#ifdef _WIN32
#include <windows.h>
// After windows.h, which it needs.
#include <bcrypt.h>
#else
// The low-level digest functions OpenSSL 3 marks deprecated, on purpose (see
// RecordHasher::State below).
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>
#endif

namespace cppvenv {

namespace {

[[noreturn]] void throw_unsupported(std::string_view algorithm) {
    throw Error(fmt::format("unsupported hash algorithm '{}' (expected sha256, sha384 or sha512)",
                            algorithm));
}

} // namespace

#ifdef _WIN32
namespace {

// One provider per algorithm for the whole run (opening one costs more than
// hashing a small file; a provider may serve many hashes, from any thread).
BCRYPT_ALG_HANDLE open_provider(const wchar_t* algorithm) {
    BCRYPT_ALG_HANDLE provider = nullptr;
    return BCRYPT_SUCCESS(BCryptOpenAlgorithmProvider(&provider, algorithm, nullptr, 0)) ? provider
                                                                                         : nullptr;
}

// The provider of `algorithm`; throws Error for an algorithm RECORD may not use.
BCRYPT_ALG_HANDLE provider_for(std::string_view algorithm) {
    if (algorithm == "sha256") {
        static const BCRYPT_ALG_HANDLE sha256 = open_provider(BCRYPT_SHA256_ALGORITHM);
        return sha256;
    }
    if (algorithm == "sha384") {
        static const BCRYPT_ALG_HANDLE sha384 = open_provider(BCRYPT_SHA384_ALGORITHM);
        return sha384;
    }
    if (algorithm == "sha512") {
        static const BCRYPT_ALG_HANDLE sha512 = open_provider(BCRYPT_SHA512_ALGORITHM);
        return sha512;
    }
    throw_unsupported(algorithm);
}

} // namespace

// Windows has no libcrypto: the same digests from its own CNG (bcrypt.dll).
struct RecordHasher::State {
    BCRYPT_HASH_HANDLE hash = nullptr;

    explicit State(std::string_view algorithm) {
        const BCRYPT_ALG_HANDLE provider = provider_for(algorithm);
        if (provider == nullptr ||
            !BCRYPT_SUCCESS(BCryptCreateHash(provider, &hash, nullptr, 0, nullptr, 0, 0))) {
            throw Error("cannot initialise a hash context (bcrypt)");
        }
    }
    ~State() {
        if (hash != nullptr) {
            BCryptDestroyHash(hash);
        }
    }
    State(const State&) = delete;
    State& operator=(const State&) = delete;

    void update(std::string_view data) {
        // BCryptHashData takes a ULONG length: feed large inputs in pieces.
        constexpr size_t piece = 1u << 30;
        for (size_t at = 0; at < data.size(); at += piece) {
            const auto length = static_cast<ULONG>(std::min(piece, data.size() - at));
            auto* bytes = reinterpret_cast<PUCHAR>(const_cast<char*>(data.data() + at));
            if (!BCRYPT_SUCCESS(BCryptHashData(hash, bytes, length, 0))) {
                throw Error("hashing failed (bcrypt)");
            }
        }
    }

    std::string finish() {
        DWORD length = 0;
        ULONG written = 0;
        if (!BCRYPT_SUCCESS(BCryptGetProperty(hash, BCRYPT_HASH_LENGTH,
                                              reinterpret_cast<PUCHAR>(&length), sizeof length,
                                              &written, 0))) {
            throw Error("hashing failed (bcrypt)");
        }
        std::string digest(length, '\0');
        if (!BCRYPT_SUCCESS(
                BCryptFinishHash(hash, reinterpret_cast<PUCHAR>(digest.data()), length, 0))) {
            throw Error("hashing failed (bcrypt)");
        }
        return digest;
    }
};
#else
// OpenSSL's SHA-2 functions, linked in from libcrypto.a (CMakeLists.txt): the
// same assembly as the shared library (SHA-NI where the CPU has it) without
// loading it, which cost about 1 ms of a 17 ms cached create. Not the EVP
// layer: its first use sets up OpenSSL's providers and reads openssl.cnf.
struct RecordHasher::State {
    enum class Algorithm { Sha256, Sha384, Sha512 } algorithm;
    union {
        SHA256_CTX sha256;
        SHA512_CTX sha512; // SHA-384 is SHA-512 with other initial values
    };

    explicit State(std::string_view name) {
        int started = 0;
        if (name == "sha256") {
            algorithm = Algorithm::Sha256;
            started = SHA256_Init(&sha256);
        } else if (name == "sha384") {
            algorithm = Algorithm::Sha384;
            started = SHA384_Init(&sha512);
        } else if (name == "sha512") {
            algorithm = Algorithm::Sha512;
            started = SHA512_Init(&sha512);
        } else {
            throw_unsupported(name);
        }
        if (started != 1) {
            throw Error("cannot initialise a hash context (libcrypto)");
        }
    }

    void update(std::string_view data) {
        const int updated =
            algorithm == Algorithm::Sha256   ? SHA256_Update(&sha256, data.data(), data.size())
            : algorithm == Algorithm::Sha384 ? SHA384_Update(&sha512, data.data(), data.size())
                                             : SHA512_Update(&sha512, data.data(), data.size());
        if (updated != 1) {
            throw Error("hashing failed (libcrypto)");
        }
    }

    std::string finish() {
        unsigned char digest[SHA512_DIGEST_LENGTH];
        const std::size_t length = algorithm == Algorithm::Sha256   ? SHA256_DIGEST_LENGTH
                                   : algorithm == Algorithm::Sha384 ? SHA384_DIGEST_LENGTH
                                                                    : SHA512_DIGEST_LENGTH;
        const int finished = algorithm == Algorithm::Sha256   ? SHA256_Final(digest, &sha256)
                             : algorithm == Algorithm::Sha384 ? SHA384_Final(digest, &sha512)
                                                              : SHA512_Final(digest, &sha512);
        if (finished != 1) {
            throw Error("hashing failed (libcrypto)");
        }
        return std::string(reinterpret_cast<const char*>(digest), length);
    }
};
#endif

RecordHasher::RecordHasher(std::string_view algorithm)
    : state_(std::make_unique<State>(algorithm)), algorithm_(algorithm) {}

RecordHasher::~RecordHasher() = default;

void RecordHasher::update(std::string_view data) {
    state_->update(data);
}

std::string RecordHasher::finish() {
    return algorithm_ + "=" + urlsafe_base64_without_padding(state_->finish());
}

std::string RecordHasher::finish_hex() {
    const std::string digest = state_->finish(); // libcrypto or bcrypt, as this build has
    std::string text;
    for (const char byte : digest) {
        text += fmt::format("{:02x}", static_cast<unsigned char>(byte));
    }
    return text;
}

std::string_view hash_algorithm_of(std::string_view record_hash) {
    return record_hash.substr(0, record_hash.find('='));
}

std::string record_hash_of(std::string_view data) {
    RecordHasher hasher;
    hasher.update(data);
    return hasher.finish();
}

std::string urlsafe_base64_without_padding(std::string_view bytes) {
    static constexpr char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string text;
    text.reserve((bytes.size() + 2) / 3 * 4);
    size_t i = 0;
    auto byte = [&](size_t at) {
        return static_cast<unsigned>(static_cast<unsigned char>(bytes[at]));
    };
    for (; i + 3 <= bytes.size(); i += 3) {
        unsigned group = byte(i) << 16 | byte(i + 1) << 8 | byte(i + 2);
        text += alphabet[group >> 18 & 63];
        text += alphabet[group >> 12 & 63];
        text += alphabet[group >> 6 & 63];
        text += alphabet[group & 63];
    }
    size_t rest = bytes.size() - i;
    if (rest == 1) {
        unsigned group = byte(i) << 16;
        text += alphabet[group >> 18 & 63];
        text += alphabet[group >> 12 & 63];
    } else if (rest == 2) {
        unsigned group = byte(i) << 16 | byte(i + 1) << 8;
        text += alphabet[group >> 18 & 63];
        text += alphabet[group >> 12 & 63];
        text += alphabet[group >> 6 & 63];
    }
    return text;
}

} // namespace cppvenv
