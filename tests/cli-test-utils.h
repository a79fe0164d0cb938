/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "trellis-study.h"
#include "trellis-test-utils.h"

G_BEGIN_DECLS

typedef TrellisTestFolder Fixture;

/* One run of trellis-cli: its exit status and everything it printed. */
typedef struct
{
  int status;
  char *out;
  char *err;
} CliRun;

void     cli_run_free        (CliRun     *run);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliRun, cli_run_free)

char    *fixture_path        (Fixture    *fixture,
                              const char *name);
CliRun  *run_cli             (const char *first_argument,
                              ...) G_GNUC_NULL_TERMINATED;
gboolean have_cli            (void);
gboolean have_cli_on_demo    (Fixture    *fixture);
void     assert_matches      (const char *pattern,
                              const char *text);
void     assert_problem      (const char *output,
                              const char *file_pattern,
                              const char *rest);
void     assert_check_passes (const char *path);
void     assert_refused_v1   (Fixture    *fixture,
                              CliRun     *run,
                              GBytes     *before);
void     assert_refuses_format_and_today (Fixture    *fixture,
                                          const char *command,
                                          const char *bad_format);
void     cli_test_help       (gconstpointer data);
void     create_study        (const char *path,
                              const char *title);
void     create_register     (const char *path);
char    *write_csv           (Fixture    *fixture,
                              const char *name,
                              const char *contents);
gint64   study_int           (Fixture    *fixture,
                              const char *sql);

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, trellis_test_folder_set_up, func, trellis_test_folder_tear_down)

G_END_DECLS
