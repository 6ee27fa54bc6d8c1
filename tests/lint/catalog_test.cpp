// The catalog loader and the config format: data handling without clang.
#include "catalog/catalog.h"
#include "driver/config.h"

#include <gtest/gtest.h>

namespace coscope::lint {
namespace {

TEST(Catalog, BuiltinCoversEveryFamilyTheIssueLists) {
  const Catalog& c = Catalog::builtin();
  for (const char* id : {"sleep", "file-io", "network", "sync", "process", "asio-sync",
                         "event-loop", "sync-over-async"})
    EXPECT_NE(c.family(id).id, "user") << id;
  for (const char* name :
       {"std::this_thread::sleep_for", "usleep", "fread", "std::filesystem::exists", "getaddrinfo",
        "std::condition_variable::wait", "std::future::get", "pthread_join", "waitpid",
        "boost::asio::read", "asio::read", "boost::asio::io_context::run", "cppcoro::sync_wait"})
    EXPECT_NE(c.findFunction(name), nullptr) << name;
  for (const char* type : {"std::lock_guard", "std::basic_ifstream"})
    EXPECT_NE(c.findType(type), nullptr) << type;
  EXPECT_EQ(c.findFunction("std::mutex::try_lock"), nullptr);
  EXPECT_TRUE(c.mayBeFunction("sleep_for"));
  EXPECT_FALSE(c.mayBeFunction("async_read_some"));
}

TEST(Catalog, AsyncTwinsAndReceiversComeFromTheData) {
  const auto* readSome =
      Catalog::builtin().findFunction("boost::asio::basic_stream_socket::read_some");
  ASSERT_NE(readSome, nullptr);
  EXPECT_NE(readSome->instead.find("async_read_some"), std::string::npos);
  const auto* getline = Catalog::builtin().findFunction("std::getline");
  ASSERT_NE(getline, nullptr);
  EXPECT_EQ(getline->receivers,
            (std::vector<std::string>{"std::basic_ifstream", "std::basic_fstream"}));
}

TEST(Catalog, ConfigAddsAndAllows) {
  Catalog c = Catalog::builtin();
  c.addFunction(parseUserEntry("::mylib::fetch_sync = co_await mylib::fetch()"));
  const auto* added = c.findFunction("mylib::fetch_sync");
  ASSERT_NE(added, nullptr);
  EXPECT_EQ(added->instead, "co_await mylib::fetch()");
  EXPECT_EQ(added->family, "user");
  EXPECT_TRUE(c.allow("sleep"));
  EXPECT_EQ(c.findFunction("sleep"), nullptr);
  EXPECT_TRUE(c.mayBeFunction("sleep"));  // boost::this_thread::sleep still ends in "sleep"
  EXPECT_FALSE(c.allow("not::in::catalog"));
  // Allowed names are remembered, in the catalog or not: the check also asks for the name of a
  // member as called through a derived class.
  EXPECT_TRUE(c.isAllowed("sleep"));
  EXPECT_TRUE(c.isAllowed("not::in::catalog"));
  EXPECT_FALSE(c.isAllowed("usleep"));
}

// The check matches a global catalog name only on a declaration with C linkage (the user's own
// send(const Message&) is not the socket call); a name the config adds is the user's own.
TEST(Catalog, GlobalNamesOfTheCatalogAreCFunctionsAndUserNamesAreNot) {
  Catalog c = Catalog::builtin();
  ASSERT_NE(c.findFunction("send"), nullptr);
  EXPECT_TRUE(c.findFunction("send")->cLinkage);
  EXPECT_TRUE(c.findFunction("usleep")->cLinkage);
  EXPECT_FALSE(c.findFunction("std::getline")->cLinkage);
  EXPECT_FALSE(c.findFunction("boost::asio::read")->cLinkage);
  c.addFunction(parseUserEntry("fetch_all_sync"));
  EXPECT_FALSE(c.findFunction("fetch_all_sync")->cLinkage);
  c.addFunction(parseUserEntry("send"));
  EXPECT_FALSE(c.findFunction("send")->cLinkage) << "the user means their own send";
}

TEST(Catalog, BadJsonIsAnErrorNamingTheOrigin) {
  auto bad = Catalog::fromJson("{\"version\": 1, \"families\": [{\"functions\": []}]}", "my.json");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("my.json"), std::string::npos);
  EXPECT_FALSE(Catalog::fromJson("{\"version\": 2, \"families\": []}", "v2").ok());
  EXPECT_FALSE(Catalog::fromJson("not json", "x").ok());
}

TEST(Catalog, SplitListTrimsAndDropsEmptyItems) {
  EXPECT_EQ(splitList(" a ; b;;c "), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(splitList("").empty());
}

TEST(Config, ParsesEveryKeyAndResolvesRelativePaths) {
  auto config = parseConfig(R"(
Checks: '-*,coscope-blocking-call'
CatalogFile: cat.json
BlockingFunctions:
  - Name: mylib::fetch_sync
    Instead: co_await mylib::fetch()
  - Name: mylib::flush
BlockingTypes: [mylib::FileLock]
AllowedFunctions: [sleep, usleep]
AllowedFiles: ['gen/*', '*/third_party/*']
CheckOptions:
  coscope-reference-param.ViewTypes: 'std::span'
  coscope-blocking-call.AllowedFunctions: overridden
)",
                            "/proj/.coscope-lint.yaml");
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->checks, "-*,coscope-blocking-call");
  EXPECT_EQ(config->catalogFile, "/proj/cat.json");
  const auto options = config->checkOptions();
  EXPECT_EQ(options.at("coscope-blocking-call.BlockingFunctions"),
            "mylib::fetch_sync=co_await mylib::fetch();mylib::flush");
  EXPECT_EQ(options.at("coscope-blocking-call.BlockingTypes"), "mylib::FileLock");
  EXPECT_EQ(options.at("coscope-blocking-call.AllowedFunctions"), "sleep;usleep");
  EXPECT_EQ(options.at("coscope-blocking-call.AllowedFiles"), "/proj/gen/*;*/third_party/*");
  EXPECT_EQ(options.at("coscope-blocking-call.CatalogFile"), "/proj/cat.json");
  EXPECT_EQ(options.at("coscope-reference-param.ViewTypes"), "std::span");
}

TEST(Config, UnknownKeysAndBadShapesAreErrors) {
  EXPECT_FALSE(parseConfig("Chekcs: '*'\n", "/p/c.yaml").ok());
  EXPECT_FALSE(parseConfig("AllowedFunctions: {a: b}\n", "/p/c.yaml").ok());
  EXPECT_FALSE(
      parseConfig("BlockingFunctions: [{Instead: x}]\n", "/p/c.yaml").ok());  // Name required
  EXPECT_FALSE(parseConfig("BlockingFunctions: [{Name: 'a;b'}]\n", "/p/c.yaml").ok());
  EXPECT_FALSE(parseConfig("CheckOptions: {NoDot: x}\n", "/p/c.yaml").ok());
  EXPECT_FALSE(parseConfig("CheckOptions: {misc-foo.Bar: x}\n", "/p/c.yaml").ok());
  EXPECT_FALSE(parseConfig("CheckOptions: [a, b]\n", "/p/c.yaml").ok());
  auto empty = parseConfig("", "/p/c.yaml");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->checkOptions().empty());
}

// A misspelt option would silently keep its default: like a Checks glob that matches no check,
// a CheckOptions key that no coscope check reads is an error naming the file, the key, the
// closest known name and what is known.
TEST(Config, CheckOptionsThatNoCheckReadsAreErrorsWithSuggestions) {
  auto option = parseConfig("CheckOptions:\n  coscope-blocking-call.AllowedFunction: sleep\n",
                            "/p/.coscope-lint.yaml");
  ASSERT_FALSE(option.ok());
  const std::string& message = option.error().message;
  EXPECT_NE(message.find("/p/.coscope-lint.yaml"), std::string::npos) << message;
  EXPECT_NE(message.find("'coscope-blocking-call.AllowedFunction'"), std::string::npos) << message;
  EXPECT_NE(message.find("did you mean 'coscope-blocking-call.AllowedFunctions'"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("TransitiveDepth"), std::string::npos) << "lists the known options";

  auto check = parseConfig("CheckOptions:\n  coscope-blocking-cal.AllowedFunctions: sleep\n",
                           "/p/.coscope-lint.yaml");
  ASSERT_FALSE(check.ok());
  EXPECT_NE(check.error().message.find("did you mean 'coscope-blocking-call'"), std::string::npos)
      << check.error().message;
  EXPECT_NE(check.error().message.find("coscope-reference-param"), std::string::npos)
      << "lists the known checks";

  auto far = parseConfig("CheckOptions:\n  coscope-lock-across-suspend.Colour: red\n", "/p/c.yaml");
  ASSERT_FALSE(far.ok());
  EXPECT_EQ(far.error().message.find("did you mean"), std::string::npos) << far.error().message;
  EXPECT_NE(far.error().message.find("LockTypes"), std::string::npos) << far.error().message;
}

// Every option every check reads is accepted: the list comes from the checks themselves.
TEST(Config, EveryOptionOfEveryCheckIsAccepted) {
  for (const auto& [check, options] : std::vector<std::pair<std::string, std::vector<std::string>>>{
           {"coscope-blocking-call",
            {"CatalogFile", "BlockingFunctions", "BlockingTypes", "AllowedFunctions",
             "AllowedFiles", "TransitiveDepth", "SummaryFile", "SummaryOutput"}},
           {"coscope-detached-exception",
            {"DetachedTokens", "ThrowingFunctions", "SpawnFunctions", "CallDepth"}},
           {"coscope-discarded-awaitable", {"AwaitableTypes"}},
           {"coscope-lock-across-suspend", {"LockTypes"}},
           {"coscope-reference-param", {"ViewTypes", "AllowedTypes"}}})
    for (const auto& option : options) {
      auto config = parseConfig("CheckOptions:\n  " + check + "." + option + ": x\n", "/p/c.yaml");
      EXPECT_TRUE(config.ok()) << check << "." << option << ": " << config.error().message;
    }
}

}  // namespace
}  // namespace coscope::lint
