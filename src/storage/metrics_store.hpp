// The figures /metrics reads from the database at each scrape (core/metrics.hpp renders them):
// the SMS outbox by status and the age of its oldest queued message, and the warnings in force
// with their villages acknowledged or waiting and their SMS by status. Each is one indexed query;
// nothing personal is read.
#pragma once

#include <vector>

#include "core/metrics.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace caunoi::storage {

Result<std::vector<metrics::Gauge>> ScrapeGauges(Database& db, int64_t now);

}  // namespace caunoi::storage
