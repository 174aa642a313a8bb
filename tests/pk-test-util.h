/* pk-test-util.h: small helpers the tests share
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

/* Removes a flat temporary folder and the files in it. */
void pk_test_remove_dir (const char *dir);
