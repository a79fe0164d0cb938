/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-date.h"
#include "trellis-demo-study.h"

/* The default demo study (its number of participants and its seed), which
 * storage, CLI and UI tests read, and its last day, on which every window
 * has closed: counted as on that day, its numbers are the same on every run. */

G_GNUC_UNUSED static TrellisDatabase *
demo_fixture_create (const char *path,
                     const char *title)
{
  g_autoptr(GError) error = NULL;
  TrellisDatabase *db = trellis_demo_study_create (path, title, TRELLIS_DEMO_STUDY_DEFAULT_PARTICIPANTS,
                                                   TRELLIS_DEMO_STUDY_DEFAULT_SEED, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  return db;
}

/* The demo study, closed again so that the CLI or a window can open it. */
G_GNUC_UNUSED static void
demo_fixture_create_closed (const char *path,
                            const char *title)
{
  g_object_unref (demo_fixture_create (path, title));
}

/* TRELLIS_DEMO_STUDY_AS_OF as a Julian day, the form the stores take. */
G_GNUC_UNUSED static guint32
demo_fixture_today (void)
{
  GDate date;

  g_assert_true (trellis_date_parse (TRELLIS_DEMO_STUDY_AS_OF, &date, NULL));
  return g_date_get_julian (&date);
}
