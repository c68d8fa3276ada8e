// What `filmgen doctor` reports: one check per dependency, gathered from each library.
#pragma once

#include <string>
#include <vector>

namespace filmgen {

struct DependencyCheck {
  std::string area;     // "media", "picture", "sound", "models", "remote", "core"
  std::string name;     // "libx264 encoder", "espeak-ng voices", ...
  std::string version;  // or what was found
  bool ok = false;
  bool required = false;  // the default render path cannot work without it
  std::string detail;     // why not ok, and what to install
};

namespace media {
std::vector<DependencyCheck> probe_dependencies();
}
namespace models {
std::vector<DependencyCheck> probe_dependencies();
}
namespace render {
std::vector<DependencyCheck> probe_dependencies();
}
namespace audio {
std::vector<DependencyCheck> probe_dependencies();
}

}  // namespace filmgen
