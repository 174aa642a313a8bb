/* pk-test-review.h: a case brought to the working group, for the core and GUI tests
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pk-store.h"

gint64 pk_test_case_at_pa5 (PkStore *store,
                            double   lat,
                            double   lon);
