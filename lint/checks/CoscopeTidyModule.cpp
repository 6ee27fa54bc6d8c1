// The coscope module: registers every coscope check under its "coscope-" name, for both the
// clang-tidy plugin (found by clang-tidy's registry when the .so is loaded) and coscope-lint
// (which links this file and references the anchor so the linker keeps the registration).
#include "checks/BlockingCallCheck.h"
#include "checks/CapturingLambdaCoroutineCheck.h"
#include "checks/DetachedExceptionCheck.h"
#include "checks/DiscardedAwaitableCheck.h"
#include "checks/LockAcrossSuspendCheck.h"
#include "checks/ReferenceParamCheck.h"

#include <clang-tidy/ClangTidyModule.h>
#include <clang-tidy/ClangTidyModuleRegistry.h>

namespace clang::tidy::coscope {

class CoscopeModule : public ClangTidyModule {
 public:
  void addCheckFactories(ClangTidyCheckFactories& CheckFactories) override {
    // Keep sorted by check name.
    CheckFactories.registerCheck<BlockingCallCheck>("coscope-blocking-call");
    CheckFactories.registerCheck<CapturingLambdaCoroutineCheck>(
        "coscope-capturing-lambda-coroutine");
    CheckFactories.registerCheck<DetachedExceptionCheck>("coscope-detached-exception");
    CheckFactories.registerCheck<DiscardedAwaitableCheck>("coscope-discarded-awaitable");
    CheckFactories.registerCheck<LockAcrossSuspendCheck>("coscope-lock-across-suspend");
    CheckFactories.registerCheck<ReferenceParamCheck>("coscope-reference-param");
  }
};

static ClangTidyModuleRegistry::Add<CoscopeModule> X("coscope-module",
                                                     "Checks for blocking calls in coroutines.");

}  // namespace clang::tidy::coscope

// Referenced by coscope-lint so that static linking keeps this translation unit.
// NOLINTNEXTLINE(misc-use-internal-linkage)
volatile int CoscopeModuleAnchorSource = 0;
