/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "trellis-domain-error.h"
#include "trellis-timepoint-plan.h"

/* The rules of a timepoint plan are pure C over TrellisTimepoint objects, so
 * these tests need no file at all: each builds a plan in memory and checks
 * which plans are accepted and what a person is told about the rest. */

static void
assert_valid (TrellisTimepoint *tp)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_timepoint_plan_validate (tp, &error));
  g_assert_no_error (error);
}

/* Asserts that tp breaks a rule and that the message quotes the given text,
 * so a person can tell which timepoint and which value to fix. */
static void
assert_invalid (TrellisTimepoint *tp,
                const char       *quoted)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (trellis_timepoint_plan_validate (tp, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  if (quoted != NULL && strstr (error->message, quoted) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, quoted);
}

/* The defaults as objects, in position order, the way the store hands them over. */
static GPtrArray *
default_plan (void)
{
  GPtrArray *plan = g_ptr_array_new_with_free_func (g_object_unref);
  const TrellisTimepointDefault *defaults;
  guint n_defaults = 0;

  defaults = trellis_timepoint_plan_defaults (&n_defaults);
  for (guint i = 0; i < n_defaults; i++)
    {
      TrellisTimepoint *tp = trellis_timepoint_new (defaults[i].code, defaults[i].label,
                                                    defaults[i].target_day,
                                                    defaults[i].window_min,
                                                    defaults[i].window_max);
      trellis_timepoint_set_position (tp, i + 1);
      g_ptr_array_add (plan, tp);
    }
  return plan;
}

static void
test_normalize_code (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { " t2 ", "T2" },
    { "T2", "T2" },
    { "\tfollow-up_6m\n", "FOLLOW-UP_6M" },
    { "   ", "" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *code = trellis_timepoint_plan_normalize_code (cases[i].in);

      g_assert_cmpstr (code, ==, cases[i].out);
    }
}

static void
test_defaults_pass (void)
{
  g_autoptr(GPtrArray) plan = default_plan ();
  g_autoptr(GError) error = NULL;

  /* The resilience-coaching design: T1 to T4, baseline first. */
  g_assert_cmpuint (plan->len, ==, 4);
  g_assert_cmpstr (trellis_timepoint_get_code (plan->pdata[0]), ==, "T1");
  g_assert_cmpint (trellis_timepoint_get_target_day (plan->pdata[0]), ==, 0);
  g_assert_cmpstr (trellis_timepoint_get_code (plan->pdata[3]), ==, "T4");

  for (guint i = 0; i < plan->len; i++)
    assert_valid (plan->pdata[i]);

  g_assert_true (trellis_timepoint_plan_check ((TrellisTimepoint **) plan->pdata, plan->len, &error));
  g_assert_no_error (error);
}

static void
test_empty_plan (void)
{
  g_autoptr(GError) error = NULL;

  /* Whether a study may have no timepoints is the store's rule, not the plan's. */
  g_assert_true (trellis_timepoint_plan_check (NULL, 0, &error));
  g_assert_no_error (error);
}

static void
test_code_rules (void)
{
  g_autoptr(TrellisTimepoint) tp = trellis_timepoint_new ("T1", "Baseline", 0, 0, 0);
  g_autofree char *longest = g_strnfill (TRELLIS_PLAN_CODE_MAX, 'A');
  g_autofree char *too_long = g_strnfill (TRELLIS_PLAN_CODE_MAX + 1, 'A');
  static const char *const bad[] = { "T 2", "T2!", "T2.1", "T/2", "Т2" /* Cyrillic Te */, "T2\n" };

  assert_valid (tp);

  trellis_timepoint_set_code (tp, "");
  assert_invalid (tp, NULL);
  trellis_timepoint_set_code (tp, NULL);
  assert_invalid (tp, NULL);

  trellis_timepoint_set_code (tp, longest);
  assert_valid (tp);
  trellis_timepoint_set_code (tp, too_long);
  assert_invalid (tp, too_long);

  trellis_timepoint_set_code (tp, "follow-up_6M");
  assert_valid (tp);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      trellis_timepoint_set_code (tp, bad[i]);
      assert_invalid (tp, bad[i]);
    }
}

static void
test_label_rules (void)
{
  g_autoptr(TrellisTimepoint) tp = trellis_timepoint_new ("T2", "After workshop", 1, 0, 7);
  g_autoptr(GString) label = g_string_new (NULL);

  trellis_timepoint_set_label (tp, "");
  assert_invalid (tp, "T2");
  trellis_timepoint_set_label (tp, NULL);
  assert_invalid (tp, "T2");

  /* The limit counts characters, not bytes: 80 two-byte letters still fit. */
  for (guint i = 0; i < TRELLIS_PLAN_LABEL_MAX; i++)
    g_string_append (label, "é");
  trellis_timepoint_set_label (tp, label->str);
  assert_valid (tp);

  g_string_append_c (label, 'x');
  trellis_timepoint_set_label (tp, label->str);
  assert_invalid (tp, "T2");
}

/* Every day field, at each bound and one beyond it. The window is kept around
 * the target so that only the range rule can trip. */
static void
test_day_bounds (void)
{
  const int first = TRELLIS_PLAN_FIRST_DAY;
  const int last = TRELLIS_PLAN_LAST_DAY;
  g_autoptr(TrellisTimepoint) tp = trellis_timepoint_new ("T1", "Screening", 0, 0, 0);

  g_assert_cmpint (first, ==, -365);
  g_assert_cmpint (last, ==, 3650);

  trellis_timepoint_set_target_day (tp, first);
  trellis_timepoint_set_window_min (tp, first);
  trellis_timepoint_set_window_max (tp, first);
  assert_valid (tp);

  trellis_timepoint_set_target_day (tp, last);
  trellis_timepoint_set_window_min (tp, last);
  trellis_timepoint_set_window_max (tp, last);
  assert_valid (tp);

  trellis_timepoint_set_window_min (tp, first);
  assert_valid (tp);

  /* Target beyond either end. */
  trellis_timepoint_set_window_min (tp, first - 1);
  trellis_timepoint_set_window_max (tp, last + 1);
  trellis_timepoint_set_target_day (tp, first - 1);
  assert_invalid (tp, "-366");
  trellis_timepoint_set_target_day (tp, last + 1);
  assert_invalid (tp, "3651");

  /* Window start and end beyond their ends, with the target inside. */
  trellis_timepoint_set_target_day (tp, 0);
  trellis_timepoint_set_window_min (tp, first - 1);
  trellis_timepoint_set_window_max (tp, 0);
  assert_invalid (tp, "-366");
  trellis_timepoint_set_window_min (tp, 0);
  trellis_timepoint_set_window_max (tp, last + 1);
  assert_invalid (tp, "3651");

  /* Far out of range, where a careless sum could overflow. */
  trellis_timepoint_set_window_max (tp, 0);
  trellis_timepoint_set_target_day (tp, G_MININT);
  assert_invalid (tp, NULL);
  trellis_timepoint_set_target_day (tp, G_MAXINT);
  assert_invalid (tp, NULL);
}

static void
test_window_contains_target (void)
{
  g_autoptr(TrellisTimepoint) tp = trellis_timepoint_new ("T3", "After coaching", 14, 7, 27);

  assert_valid (tp);

  /* A window of one day, on the target, is fine. */
  trellis_timepoint_set_window_min (tp, 14);
  trellis_timepoint_set_window_max (tp, 14);
  assert_valid (tp);

  /* Window entirely after the target. */
  trellis_timepoint_set_window_min (tp, 15);
  trellis_timepoint_set_window_max (tp, 27);
  assert_invalid (tp, "T3");

  /* Window entirely before the target. */
  trellis_timepoint_set_window_min (tp, 7);
  trellis_timepoint_set_window_max (tp, 13);
  assert_invalid (tp, "T3");

  /* Window backwards around the target. */
  trellis_timepoint_set_window_min (tp, 27);
  trellis_timepoint_set_window_max (tp, 7);
  assert_invalid (tp, "T3");
}

static void
test_duplicate_codes (void)
{
  g_autoptr(GPtrArray) plan = default_plan ();
  g_autoptr(GError) error = NULL;

  trellis_timepoint_set_code (plan->pdata[3], "T2");

  g_assert_false (trellis_timepoint_plan_check ((TrellisTimepoint **) plan->pdata, plan->len, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "T2"));
}

static void
test_order_violation (void)
{
  g_autoptr(GPtrArray) plan = default_plan ();
  g_autoptr(GError) error = NULL;

  /* T3 moved to before T2 (day 1) while staying third in the plan. */
  trellis_timepoint_set_target_day (plan->pdata[2], 0);
  trellis_timepoint_set_window_min (plan->pdata[2], 0);

  g_assert_false (trellis_timepoint_plan_check ((TrellisTimepoint **) plan->pdata, plan->len, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_ORDER);
  g_assert_nonnull (strstr (error->message, "T3"));
  g_assert_nonnull (strstr (error->message, "T2"));
  g_clear_error (&error);

  /* Two timepoints on the same day keep the order, so they are allowed. */
  trellis_timepoint_set_target_day (plan->pdata[2], 1);
  g_assert_true (trellis_timepoint_plan_check ((TrellisTimepoint **) plan->pdata, plan->len, &error));
  g_assert_no_error (error);
}

static void
test_check_validates_each (void)
{
  g_autoptr(GPtrArray) plan = default_plan ();
  g_autoptr(GError) error = NULL;

  /* A broken timepoint fails the plan even where codes and order are fine. */
  trellis_timepoint_set_label (plan->pdata[1], "");

  g_assert_false (trellis_timepoint_plan_check ((TrellisTimepoint **) plan->pdata, plan->len, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "T2"));
}

static char *
next_code_for (const char *const *codes)
{
  g_autoptr(GPtrArray) plan = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; codes[i] != NULL; i++)
    g_ptr_array_add (plan, trellis_timepoint_new (codes[i], "Label", (int) i, (int) i, (int) i));
  return trellis_timepoint_plan_next_code ((TrellisTimepoint **) plan->pdata, plan->len);
}

static void
test_next_code (void)
{
  g_autoptr(GPtrArray) defaults = default_plan ();
  g_autofree char *after_defaults = NULL;
  g_autofree char *first = NULL;
  g_autofree char *after_gap = NULL;
  g_autofree char *skips_taken = NULL;
  g_autofree char *custom = NULL;

  after_defaults = trellis_timepoint_plan_next_code ((TrellisTimepoint **) defaults->pdata, defaults->len);
  g_assert_cmpstr (after_defaults, ==, "T5");

  first = trellis_timepoint_plan_next_code (NULL, 0);
  g_assert_cmpstr (first, ==, "T1");

  /* A new timepoint goes at the end of the plan, so a gap left by a removed
   * T2 is not refilled: "T2" after T3 would read as out of order. */
  after_gap = next_code_for ((const char *const[]) { "T1", "T3", NULL });
  g_assert_cmpstr (after_gap, ==, "T4");

  /* A code that is already taken is never offered. */
  skips_taken = next_code_for ((const char *const[]) { "T1", "T2", "T4", NULL });
  g_assert_cmpstr (skips_taken, ==, "T5");

  custom = next_code_for ((const char *const[]) { "PRE", "POST", NULL });
  g_assert_cmpstr (custom, ==, "T3");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/trellis/domain/timepoint-plan/normalize-code", test_normalize_code);
  g_test_add_func ("/trellis/domain/timepoint-plan/defaults-pass", test_defaults_pass);
  g_test_add_func ("/trellis/domain/timepoint-plan/empty-plan", test_empty_plan);
  g_test_add_func ("/trellis/domain/timepoint-plan/code-rules", test_code_rules);
  g_test_add_func ("/trellis/domain/timepoint-plan/label-rules", test_label_rules);
  g_test_add_func ("/trellis/domain/timepoint-plan/day-bounds", test_day_bounds);
  g_test_add_func ("/trellis/domain/timepoint-plan/window-contains-target", test_window_contains_target);
  g_test_add_func ("/trellis/domain/timepoint-plan/duplicate-codes", test_duplicate_codes);
  g_test_add_func ("/trellis/domain/timepoint-plan/order-violation", test_order_violation);
  g_test_add_func ("/trellis/domain/timepoint-plan/check-validates-each", test_check_validates_each);
  g_test_add_func ("/trellis/domain/timepoint-plan/next-code", test_next_code);

  return g_test_run ();
}
