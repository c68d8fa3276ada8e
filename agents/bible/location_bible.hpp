// Location bible: one entry per distinct location, with lighting per time of day.
#pragma once

#include <string>
#include <vector>

#include "filmgen/bible.hpp"
#include "filmgen/plan.hpp"

namespace filmgen::bible {

// "#RRGGBB" of a black body at kelvin, scaled by brightness 0..1.
std::string kelvin_to_hex(int kelvin, double brightness = 1.0);

// Lighting palette for a location name at a time of day, interior or exterior.
LightingSetup lighting_for(const std::string& location, const std::string& time_of_day, bool interior);

std::vector<LocationBible> build_locations(const FilmPlan& plan);

}  // namespace filmgen::bible
