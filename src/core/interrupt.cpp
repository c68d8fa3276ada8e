#include "filmgen/interrupt.hpp"

#include <csignal>

#include "filmgen/error.hpp"

namespace filmgen {

namespace {
volatile std::sig_atomic_t g_interrupted = 0;
extern "C" void on_signal(int) { g_interrupted = 1; }
}  // namespace

void install_interrupt_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

bool interrupted() { return g_interrupted != 0; }
void set_interrupted(bool value) { g_interrupted = value ? 1 : 0; }

void throw_if_interrupted(const char* stage) {
  if (interrupted())
    throw Error(ErrorCode::kInterrupted, stage,
                "interrupted; finished stages are cached, run the same command again to resume");
}

}  // namespace filmgen
