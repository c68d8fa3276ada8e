// Reports libtorch and whether CUDA is usable through it.
#include <fmt/format.h>

#include "filmgen/doctor.hpp"

#ifdef FILMGEN_HAVE_TORCH
#include <torch/cuda.h>
#include <torch/version.h>
#endif

namespace filmgen::models {

std::vector<DependencyCheck> probe_dependencies() {
  std::vector<DependencyCheck> checks;
#ifdef FILMGEN_HAVE_TORCH
  checks.push_back({"models", "libtorch", TORCH_VERSION, true, false, ""});
  bool cuda = false;
  size_t devices = 0;
  std::string why;
#ifdef FILMGEN_CUDA
  try {
    cuda = torch::cuda::is_available();
    devices = cuda ? torch::cuda::device_count() : 0;
  } catch (const std::exception& e) {
    why = e.what();
  }
  if (!cuda && why.empty()) why = "no CUDA device or this libtorch has no CUDA; the torch backend runs on the CPU";
#else
  why = "built with FILMGEN_CUDA=OFF; the torch backend runs on the CPU";
#endif
  checks.push_back({"models", "CUDA", cuda ? fmt::format("{} device(s)", devices) : "not usable", cuda,
                    false, why});
#else
  checks.push_back({"models", "libtorch", "not built", false, false,
                    "built without libtorch (FILMGEN_WITH_TORCH=OFF or libtorch-dev missing); the torch backend is unavailable"});
#endif
  return checks;
}

}  // namespace filmgen::models
