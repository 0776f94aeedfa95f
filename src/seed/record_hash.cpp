// The sha256 digests of a wheel's RECORD.
#include "seed/record_hash.hpp"

#include "seed/seed_libraries.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

namespace cppvenv {

struct RecordHasher::State {
    EVP_MD_CTX* context = nullptr;
};

namespace {

const EVP_MD* digest_named(std::string_view algorithm) {
    if (algorithm == "sha256") {
        return crypto_library().EVP_sha256();
    }
    if (algorithm == "sha384") {
        return crypto_library().EVP_sha384();
    }
    if (algorithm == "sha512") {
        return crypto_library().EVP_sha512();
    }
    return nullptr;
}

} // namespace

RecordHasher::RecordHasher(std::string_view algorithm)
    : state_(std::make_unique<State>()), algorithm_(algorithm) {
    const EVP_MD* digest = digest_named(algorithm);
    if (digest == nullptr) {
        throw Error(fmt::format("unsupported hash algorithm '{}' (expected sha256, sha384 or "
                                "sha512)",
                                algorithm));
    }
    state_->context = crypto_library().EVP_MD_CTX_new();
    if (state_->context == nullptr ||
        crypto_library().EVP_DigestInit_ex(state_->context, digest, nullptr) != 1) {
        crypto_library().EVP_MD_CTX_free(state_->context);
        throw Error("cannot initialise a hash context (libcrypto)");
    }
}

RecordHasher::~RecordHasher() {
    crypto_library().EVP_MD_CTX_free(state_->context);
}

void RecordHasher::update(std::string_view data) {
    if (!data.empty() &&
        crypto_library().EVP_DigestUpdate(state_->context, data.data(), data.size()) != 1) {
        throw Error("hashing failed (libcrypto)");
    }
}

std::string RecordHasher::finish() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (crypto_library().EVP_DigestFinal_ex(state_->context, digest, &length) != 1) {
        throw Error("hashing failed (libcrypto)");
    }
    return algorithm_ + "=" +
           urlsafe_base64_without_padding(
               std::string_view(reinterpret_cast<const char*>(digest), length));
}

std::string RecordHasher::finish_hex() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (crypto_library().EVP_DigestFinal_ex(state_->context, digest, &length) != 1) {
        throw Error("hashing failed (libcrypto)");
    }
    std::string text;
    for (unsigned int i = 0; i < length; ++i) {
        text += fmt::format("{:02x}", digest[i]);
    }
    return text;
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
