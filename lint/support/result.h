// A value or an error: the linter's loaders fail as values, so the CLI can map every failure
// to an exit code instead of unwinding through clang's callbacks.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace coscope::lint {

struct Error {
  std::string message;  // a sentence for the user, naming the file (and line) when there is one
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : data_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(data_); }
  const T& value() const { return std::get<0>(data_); }
  T& operator*() { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(data_); }

 private:
  std::variant<T, Error> data_;
};

}  // namespace coscope::lint
