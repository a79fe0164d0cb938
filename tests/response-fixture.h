/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>

#include "response-study.h"
#include "trellis-audit.h"
#include "trellis-test-utils.h"

/* What the response import and export tests share: the study of
 * response-study.h in its own temporary folder. */

typedef struct
{
  TrellisTestFolder folder;
  TrellisStudy *study;
  TrellisDatabase *db;   /* owned by study */
} Fixture;

G_GNUC_UNUSED static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  trellis_test_folder_set_up (&fixture->folder, user_data);
  fixture->study = trellis_study_create (fixture->folder.path, "Resilience coaching", &error);
  g_assert_no_error (error);
  fixture->db = trellis_study_get_database (fixture->study);
  response_fixture_fill (fixture->study);
}

G_GNUC_UNUSED static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->study);
  trellis_test_folder_tear_down (&fixture->folder, user_data);
}

G_GNUC_UNUSED static void
assert_verifies (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_audit_verify (fixture->db, &error));
  g_assert_no_error (error);
}

