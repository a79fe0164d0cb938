/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "trellis-consent-clause.h"
#include "trellis-consent-version.h"

/* The six standard consent clauses and the answers helpers. */

static void
test_defaults (void)
{
  static const char *const keys[] = {
    "take_part", "questionnaires", "interview", "video", "quotes", "future_research",
  };
  const TrellisConsentClause *clauses;
  guint n = 0;

  clauses = trellis_consent_clause_get_defaults (&n);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (keys));
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (clauses[i].key, ==, keys[i]);
      g_assert_cmpstr (trellis_consent_clause_get_label (&clauses[i]), !=, "");
      g_assert_cmpstr (trellis_consent_clause_get_text (&clauses[i]), !=, "");
      g_assert_true (trellis_consent_clause_lookup (keys[i]) == &clauses[i]);
    }
  g_assert_cmpstr (trellis_consent_clause_get_label (trellis_consent_clause_lookup ("video")), ==,
                   "Video recording");
}

static void
test_lookup_unknown (void)
{
  g_assert_null (trellis_consent_clause_lookup ("photographs"));
  g_assert_null (trellis_consent_clause_lookup ("Take_Part"));
  g_assert_null (trellis_consent_clause_lookup (NULL));
  /* A clause a study added itself is shown by its key. */
  g_assert_cmpstr (trellis_consent_clause_label_for_key ("photographs"), ==, "photographs");
  g_assert_cmpstr (trellis_consent_clause_label_for_key ("quotes"), ==, "Anonymised quotes");
}

static void
test_participation (void)
{
  const TrellisConsentClause *clauses;
  guint n = 0;
  guint participation = 0;

  clauses = trellis_consent_clause_get_defaults (&n);
  for (guint i = 0; i < n; i++)
    if (trellis_consent_clause_is_participation (clauses[i].key))
      participation++;
  g_assert_cmpuint (participation, ==, 1);
  g_assert_true (trellis_consent_clause_is_participation (TRELLIS_CONSENT_CLAUSE_TAKE_PART));
  g_assert_false (trellis_consent_clause_is_participation ("questionnaires"));
  g_assert_false (trellis_consent_clause_is_participation (NULL));
}

static void
test_answers (void)
{
  g_autoptr(GHashTable) answers = trellis_consent_answers_new ();
  gboolean yes = TRUE;

  g_assert_false (trellis_consent_answers_get (answers, "video", &yes));
  trellis_consent_answers_set (answers, "video", FALSE);
  trellis_consent_answers_set (answers, "quotes", TRUE);
  g_assert_true (trellis_consent_answers_get (answers, "video", &yes));
  g_assert_false (yes);
  g_assert_true (trellis_consent_answers_get (answers, "quotes", &yes));
  g_assert_true (yes);
  trellis_consent_answers_set (answers, "video", TRUE);
  g_assert_true (trellis_consent_answers_get (answers, "video", &yes));
  g_assert_true (yes);
  g_assert_cmpuint (g_hash_table_size (answers), ==, 2);
}

/* A new version starts with the standard clauses, texts in step with keys. */
static void
test_standard_version (void)
{
  g_autoptr(TrellisConsentVersion) version = trellis_consent_version_new_standard ("v1.0", "2024-01-10");
  const char *const *keys = trellis_consent_version_get_clause_keys (version);
  const char *const *texts = trellis_consent_version_get_clause_texts (version);

  g_assert_cmpuint (trellis_consent_version_get_n_clauses (version), ==, 6);
  g_assert_cmpstr (keys[0], ==, TRELLIS_CONSENT_CLAUSE_TAKE_PART);
  g_assert_cmpuint (g_strv_length ((char **) texts), ==, 6);
  g_assert_cmpstr (texts[3], ==, trellis_consent_clause_get_text (trellis_consent_clause_lookup ("video")));
  g_assert_cmpstr (trellis_consent_version_get_label (version), ==, "v1.0");
  g_assert_cmpstr (trellis_consent_version_get_date (version), ==, "2024-01-10");
  g_assert_false (trellis_consent_version_get_requires_reconsent (version));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/trellis/domain/consent-clause/defaults", test_defaults);
  g_test_add_func ("/trellis/domain/consent-clause/lookup-unknown", test_lookup_unknown);
  g_test_add_func ("/trellis/domain/consent-clause/participation", test_participation);
  g_test_add_func ("/trellis/domain/consent-clause/answers", test_answers);
  g_test_add_func ("/trellis/domain/consent-clause/standard-version", test_standard_version);

  return g_test_run ();
}
