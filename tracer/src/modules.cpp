#include "modules.hpp"

#include <elf.h>
#include <link.h>
#include <unistd.h>

#include <climits>

#include "dl_gate.hpp"

namespace coscope::tracer::detail {
namespace {

std::string executable_path() {
  char buffer[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", buffer, sizeof buffer - 1);
  return n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : std::string();
}

std::string build_id_of(const dl_phdr_info* info) {
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_NOTE) continue;
    auto p = reinterpret_cast<const unsigned char*>(info->dlpi_addr + ph.p_vaddr);
    const unsigned char* end = p + ph.p_memsz;
    while (p + sizeof(ElfW(Nhdr)) <= end) {
      auto note = reinterpret_cast<const ElfW(Nhdr)*>(p);
      const unsigned char* name = p + sizeof(ElfW(Nhdr));
      const unsigned char* desc = name + ((note->n_namesz + 3) & ~3u);
      if (note->n_type == NT_GNU_BUILD_ID && note->n_namesz == 4 && desc + note->n_descsz <= end)
        return std::string(reinterpret_cast<const char*>(desc), note->n_descsz);
      p = desc + ((note->n_descsz + 3) & ~3u);
    }
  }
  return {};
}

int collect(dl_phdr_info* info, std::size_t, void* data) {
  auto& out = *static_cast<std::vector<Module>*>(data);
  Module m;
  m.path = info->dlpi_name == nullptr ? "" : info->dlpi_name;
  if (m.path.empty()) {
    if (!out.empty()) return 0;  // the vDSO and other unnamed objects after the executable
    m.path = executable_path();
  }
  m.base = info->dlpi_addr;
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
    if (ph.p_type == PT_LOAD && ph.p_vaddr + ph.p_memsz > m.size) m.size = ph.p_vaddr + ph.p_memsz;
  }
  m.build_id = build_id_of(info);
  out.push_back(std::move(m));
  return 0;
}

}  // namespace

std::vector<Module> loaded_modules() {
  std::vector<Module> out;
  DlGate gate(DlGate::wait_while_forking);
  dl_iterate_phdr(collect, &out);
  return out;
}

}  // namespace coscope::tracer::detail
