// Demangled C++ names as users read them.
#pragma once

#include <string>

namespace coscope::symbols {

// "_ZN3foo3barEv" -> "foo::bar()"; a name that is not mangled comes back as it is. A
// coroutine's resume function, which demangles as "f(f()::_Z...Frame*) [clone .actor]" (its
// only parameter is the compiler's frame type), comes back as "f() [clone .actor]".
std::string demangle(const char* symbol);

}  // namespace coscope::symbols
