/* pk-fuzz.h: what the fuzz harnesses share
 *
 * Each harness defines LLVMFuzzerTestOneInput. Built with clang's
 * -fsanitize=fuzzer it is a libFuzzer target (make fuzz); built with
 * replay.c it replays the seed corpus and every crash ever found (make test).
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

#include "pk-store.h"

int         LLVMFuzzerTestOneInput (const uint8_t *data,
                                    size_t         size);

/* The input as a file named "input<suffix>" in a folder of this process's own. */
const char *pk_fuzz_write_file     (const uint8_t *data,
                                    size_t         size,
                                    const char    *suffix);
/* A sample workspace made once per process (imports run as dry runs on it). */
PkStore    *pk_fuzz_sample_store   (void);
