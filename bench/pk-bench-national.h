/* pk-bench-national.h: the synthetic national workspace the benchmarks share
 *
 * Copyright 2026 The Pishkhan Siting authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pk-store.h"

G_BEGIN_DECLS

typedef struct
{
  double   lat, lon;
  gboolean seat;
} PkBenchCity;

PkStore *pk_bench_build_national (const char  *path,
                                  GArray      *cities_out,
                                  GError     **error);
void     pk_bench_near_city      (GRand       *rand,
                                  GArray      *cities,
                                  double       spread_km,
                                  double      *lat,
                                  double      *lon);
char    *pk_bench_offices_csv    (GRand       *rand,
                                  GArray      *cities,
                                  guint        n);
void     pk_bench_merge_results  (const char  *path,
                                  const char  *key,
                                  JsonObject  *figures);

G_END_DECLS
