// Cooperative interruption: SIGINT/SIGTERM set a flag that the runner checks between steps.
#pragma once

namespace filmgen {

void install_interrupt_handlers();
bool interrupted();
// Throws Error{kInterrupted} when an interrupt arrived.
void throw_if_interrupted(const char* stage);
// For tests.
void set_interrupted(bool value);

}  // namespace filmgen
