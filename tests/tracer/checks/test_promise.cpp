// coscope::traced_promise on a small lazy task type written here (cppcoro-style: starts when
// awaited, continues its awaiter by symmetric transfer) and a one-thread run loop.
#include <gtest/gtest.h>

#include <coroutine>
#include <deque>
#include <exception>
#include <map>
#include <optional>
#include <stdexcept>

#include "child.hpp"
#include "coscope/format/reader.hpp"
#include "coscope/promise.hpp"
#include "coscope/tracer.hpp"
#include "trace_model.hpp"

namespace {

class Loop;

template <typename T>
class task {
 public:
  struct promise_type : coscope::traced_promise<promise_type> {
    std::optional<T> value;
    std::exception_ptr error;
    std::coroutine_handle<> continuation;

    task get_return_object() { return task(Handle::from_promise(*this)); }
    auto initial_suspend() noexcept { return this->traced_initial(std::suspend_always{}); }
    struct FinalAwaiter {
      bool await_ready() noexcept { return false; }
      std::coroutine_handle<> await_suspend(std::coroutine_handle<promise_type> h) noexcept {
        auto next = h.promise().continuation;
        return next ? next : std::noop_coroutine();
      }
      void await_resume() noexcept {}
    };
    auto final_suspend() noexcept { return this->traced_final(FinalAwaiter{}); }
    void unhandled_exception() {
      this->traced_unhandled();
      error = std::current_exception();
    }
    void return_value(T v) { value = std::move(v); }
  };
  using Handle = std::coroutine_handle<promise_type>;

  explicit task(Handle h) : handle_(h) {}
  task(task&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  ~task() {
    if (handle_) handle_.destroy();
  }

  auto operator co_await() && {
    struct Awaiter {
      Handle h;
      bool await_ready() { return false; }
      std::coroutine_handle<> await_suspend(std::coroutine_handle<> awaiting) {
        h.promise().continuation = awaiting;
        return h;
      }
      T await_resume() {
        if (h.promise().error) std::rethrow_exception(h.promise().error);
        return *h.promise().value;
      }
    };
    return Awaiter{handle_};
  }
  Handle handle() const { return handle_; }

 private:
  Handle handle_;
};

// Runs queued coroutines one after another; `co_await loop.yield()` really suspends.
class Loop {
 public:
  struct Yield {
    Loop* loop;
    bool await_ready() { return false; }
    void await_suspend(std::coroutine_handle<> h) { loop->queue_.push_back(h); }
    void await_resume() {}
  };
  Yield yield() { return Yield{this}; }
  void spawn(task<int> t) {
    queue_.push_back(t.handle());
    owned_.push_back(std::move(t));
  }
  void run() {
    while (!queue_.empty()) {
      auto h = queue_.front();
      queue_.pop_front();
      h.resume();
    }
  }

 private:
  std::deque<std::coroutine_handle<>> queue_;
  std::deque<task<int>> owned_;
};

task<int> leaf(Loop& loop) {
  co_await loop.yield();  // @leaf-yield
  co_return 1;
}

task<int> middle(Loop& loop) {
  int v = co_await leaf(loop);
  co_return v + 1;
}

task<int> failing(Loop& loop) {
  co_await loop.yield();
  throw std::runtime_error("from failing");
}

task<int> side(Loop&) {
  co_return 0;
}

task<int> root(Loop& loop) {
  co_await loop.yield();  // @root-yield
  loop.spawn(side(loop));
  int v = co_await middle(loop);
  try {
    co_await failing(loop);
  } catch (const std::runtime_error&) {
  }
  co_return v;
}

struct Suspend {
  std::string operation;
  std::string file;
  unsigned line = 0;
  coscope::format::StackId stack = 0;
};

// The suspends of `task` with their locations (the trace model keeps no locations).
std::vector<Suspend> suspends_of(const std::string& path, coscope::format::TaskId task) {
  auto reader = coscope::format::TraceReader::open(path);
  std::vector<Suspend> out;
  if (!reader) return out;
  std::map<std::uint32_t, std::string> strings;
  std::map<std::uint32_t, coscope::format::LocationDef> locations;
  while (auto r = reader->next()) {
    if (auto* s = std::get_if<coscope::format::StringDef>(&*r)) strings[s->id] = s->text;
    if (auto* l = std::get_if<coscope::format::LocationDef>(&*r)) locations[l->id] = *l;
    if (auto* s = std::get_if<coscope::format::TaskSuspend>(&*r); s != nullptr && s->task == task) {
      const auto& l = locations[s->location];
      out.push_back({strings[s->operation], strings[l.file], l.line, s->stack});
    }
  }
  return out;
}

const std::string kThisFile = __FILE__;

TEST(TracedPromise, TaskLifeAwaitSitesAndFrameChain) {
  std::string path = ::testing::TempDir() + "coscope_promise.cotrace";
  coscope::TraceOptions options;
  options.path = path;
  ASSERT_TRUE(coscope::start(options));
  {
    Loop loop;
    loop.spawn(root(loop));
    loop.run();
  }
  coscope::stop();
  auto trace = coscope::testing::read_trace(path);
  for (const auto& p : trace.problems) ADD_FAILURE() << p;

  auto roots = trace.named("root(");
  ASSERT_EQ(roots.size(), 1u);
  const auto& t = *roots[0];
  // Its own yield, the leaf's (nested two deep), the failing child's: nested coroutines are
  // frames of this task, not tasks.
  EXPECT_EQ(t.kinds(),
            "spawn resume suspend end wake resume suspend end wake resume suspend end wake "
            "resume end complete");
  EXPECT_TRUE(trace.named("leaf(").empty());
  EXPECT_TRUE(trace.named("middle(").empty());
  auto sides = trace.named("side(");
  ASSERT_EQ(sides.size(), 1u);
  EXPECT_EQ(sides[0]->spawn.parent, t.spawn.task) << "spawned while root ran";

  auto suspends = suspends_of(path, t.spawn.task);
  ASSERT_EQ(suspends.size(), 3u);
  EXPECT_EQ(suspends[0].file, kThisFile);
  EXPECT_EQ(suspends[0].line, coscope::testing::marked_line(kThisFile, "root-yield"));
  EXPECT_NE(suspends[0].operation.find("Loop::Yield"), std::string::npos) << suspends[0].operation;
  EXPECT_EQ(suspends[1].line, coscope::testing::marked_line(kThisFile, "leaf-yield"));
  auto chain = trace.awaiter_names(suspends[1].stack);
  ASSERT_EQ(chain.size(), 3u);
  EXPECT_NE(chain[0].find("leaf"), std::string::npos) << chain[0];
  EXPECT_NE(chain[1].find("middle"), std::string::npos) << chain[1];
  EXPECT_NE(chain[2].find("root"), std::string::npos) << chain[2];

  // The child's exception reached root, which caught it.
  bool propagated = false;
  for (const auto& f : trace.findings)
    if (auto* e = std::get_if<coscope::format::ExceptionThrown>(&f))
      propagated |= e->message == "from failing" &&
                    e->fate == coscope::format::ExceptionFate::propagated &&
                    e->task == t.spawn.task;
  EXPECT_TRUE(propagated);
}

}  // namespace
