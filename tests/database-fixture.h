/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>

#include "trellis-database.h"
#include "trellis-storage-error.h"
#include "trellis-test-utils.h"

/* Shared by the test programs of the study file (test-database*.c). */

typedef TrellisTestFolder Fixture;

G_GNUC_UNUSED static void
create_closed_study (const char *path,
                     const char *title)
{
  g_autoptr(TrellisDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  db = trellis_database_create (path, title, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
}

/* Opens path expecting the given storage error, and checks that the message
 * names the file so that a person knows which one is meant. */
G_GNUC_UNUSED static void
assert_open_fails (const char  *path,
                   int          code,
                   GError     **out_error)
{
  g_autoptr(TrellisDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = g_path_get_basename (path);

  db = trellis_database_open (path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_null (db);
  g_assert_error (error, TRELLIS_STORAGE_ERROR, code);
  if (strstr (error->message, basename) == NULL)
    g_error ("“%s” does not name %s", error->message, basename);
  if (out_error != NULL)
    *out_error = g_steal_pointer (&error);
}

