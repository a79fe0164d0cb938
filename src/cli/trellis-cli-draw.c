/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <inttypes.h>
#include <glib/gi18n.h>

#include "trellis-cli-draw.h"
#include "trellis-cli-register.h"
#include "trellis-date.h"
#include "trellis-interview-seed.h"
#include "trellis-interview-store.h"
#include "trellis-storage-error.h"
#include "trellis-study-measures.h"
#include "trellis-timepoint-store.h"

/* trellis-cli eligible, select, verify-draw, replace and draws: the random
 * choice of interviewees, shown before it is made, made, justified and kept
 * up when someone drops out. A person running select at a terminal is the
 * one drawing, so the picks are printed there; the audit trail records only
 * that a draw happened (see trellis-audit-coverage.c). */

/* A draw, cohort, timepoint or pick that is not there, or a replacement
 * already made, is a refusal (exit 1), not a file that cannot be opened. */
static int
report_refusal (const GError *error)
{
  if (g_error_matches (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_NOT_FOUND) ||
      g_error_matches (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_EXISTS))
    {
      g_printerr ("trellis-cli: %s\n", error->message);
      return TRELLIS_CLI_EXIT_PROBLEM;
    }
  return trellis_cli_report_refusal (error);
}

/* The options the rule is built from, shared by eligible and select. */
typedef struct
{
  char *timepoint;
  char *reached;
  char *video;
  char *today;
} RuleOptions;

static void
rule_options_clear (RuleOptions *options)
{
  g_free (options->timepoint);
  g_free (options->reached);
  g_free (options->video);
  g_free (options->today);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RuleOptions, rule_options_clear)

#define RULE_ENTRIES(options) \
  { "timepoint", 't', 0, G_OPTION_ARG_STRING, &(options).timepoint, \
    N_("The timepoint people must have reached (default: the plan’s last)"), N_("CODE") }, \
  { "reached", 0, 0, G_OPTION_ARG_STRING, &(options).reached, \
    N_("completed, or completed-or-due (the default): due means its window is open"), N_("HOW") }, \
  { "video", 0, 0, G_OPTION_ARG_STRING, &(options).video, \
    N_("yes (the default) if interviews are video-recorded, so video consent is needed; or no"), N_("YES-OR-NO") }, \
  { "today", 0, 0, G_OPTION_ARG_STRING, &(options).today, \
    N_("Decide as on this day instead of today"), N_("YYYY-MM-DD") }

/* The plan's last timepoint, the usual one to interview after. */
static char *
last_timepoint (TrellisDatabase *database)
{
  g_autoptr(GPtrArray) plan = trellis_timepoint_store_load (database, NULL);

  if (plan == NULL || plan->len == 0)
    return g_strdup ("T1");
  return g_strdup (trellis_timepoint_get_code (g_ptr_array_index (plan, plan->len - 1)));
}

/* The rule and the day from the options; a usage error returns FALSE with
 * the message printed. */
static gboolean
build_rule (const char                  *command,
            const RuleOptions           *options,
            TrellisDatabase             *database,
            TrellisInterviewEligibility *rule,
            guint32                     *today)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *timepoint = options->timepoint != NULL ? g_strdup (options->timepoint) : last_timepoint (database);
  TrellisReachedCondition reached = TRELLIS_REACHED_COMPLETED_OR_DUE;
  gboolean recorded = TRUE;
  GDate date;

  if (options->reached != NULL && g_str_equal (options->reached, "completed"))
    reached = TRELLIS_REACHED_COMPLETED;
  else if (options->reached != NULL && !g_str_equal (options->reached, "completed-or-due"))
    return trellis_cli_usage_error (command, _("--reached must be completed or completed-or-due")), FALSE;
  if (options->video != NULL && g_str_equal (options->video, "no"))
    recorded = FALSE;
  else if (options->video != NULL && !g_str_equal (options->video, "yes"))
    return trellis_cli_usage_error (command, _("--video must be yes or no")), FALSE;
  if (!trellis_interview_eligibility_init (rule, timepoint, reached, recorded, &error))
    return trellis_cli_usage_error (command, "--timepoint: %s", error->message), FALSE;
  *today = trellis_study_today ();
  if (options->today != NULL)
    {
      if (!trellis_date_parse (options->today, &date, &error))
        return trellis_cli_usage_error (command, "--today: %s", error->message), FALSE;
      *today = g_date_get_julian (&date);
    }
  return TRUE;
}

static void
print_cohort (const TrellisEligibleCohort *cohort)
{
  g_autoptr(GString) codes = g_string_new (NULL);

  for (guint k = 0; k < cohort->codes->len; k++)
    g_string_append_printf (codes, "%s%s", k > 0 ? ", " : "", (const char *) g_ptr_array_index (cohort->codes, k));
  g_print ("  %s (%u): %s\n", cohort->name, cohort->codes->len, codes->str);
}

static void
print_eligible (const TrellisEligibleList *list)
{
  g_autofree char *sentence = trellis_interview_eligibility_describe (&list->rule);
  g_autofree char *rule = trellis_interview_eligibility_to_string (&list->rule);
  g_autofree char *day = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, list->today);
  day = trellis_date_format (&date);

  g_print (_("Rule: %s\n  %s\n"), rule, sentence);
  g_print (_("Eligible on %s: %u\n"), day, trellis_eligible_list_count (list));
  for (guint i = 0; i < list->cohorts->len; i++)
    print_cohort (g_ptr_array_index (list->cohorts, i));
  g_print (_("Not eligible: %u\n"), list->ineligible->len);
  for (int reason = TRELLIS_INTERVIEW_INELIGIBLE_WITHDRAWN; reason <= TRELLIS_INTERVIEW_INELIGIBLE_TIMEPOINT; reason++)
    {
      guint n = trellis_eligible_list_count_reason (list, reason);
      g_autofree char *why = NULL;

      if (n == 0)
        continue;
      why = trellis_interview_ineligible_describe (reason, &list->rule);
      g_print ("  %u: %s\n", n, why);
    }
}

static int
run_eligible (const TrellisCliCommand  *command,
              int                       argc,
              char                    **argv)
{
  static const char *const arguments[] = { N_("STUDY"), NULL };
  g_auto(RuleOptions) options = { 0 };
  const GOptionEntry entries[] = { RULE_ENTRIES (options), G_OPTION_ENTRY_NULL };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(TrellisEligibleList) list = NULL;
  g_autoptr(GError) error = NULL;
  TrellisInterviewEligibility rule;
  guint32 today;
  int exit_status;

  context = trellis_cli_option_context_new (command, N_("STUDY"),
                                            _("Lists who may be drawn for an interview, by cohort, and how many may\n"
                                              "not, by reason: consented to interview (and to video, for recorded\n"
                                              "interviews), not withdrawn, not drawn before, and at the timepoint."),
                                            entries);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments))
    return TRELLIS_CLI_EXIT_USAGE;
  if ((database = trellis_cli_open_database (argv[1], &exit_status)) == NULL)
    return exit_status;
  if (!build_rule (command->name, &options, database, &rule, &today))
    return TRELLIS_CLI_EXIT_USAGE;
  if ((list = trellis_interview_store_eligible (database, &rule, today, &error)) == NULL)
    return report_refusal (error);
  print_eligible (list);
  return TRELLIS_CLI_EXIT_OK;
}

const TrellisCliCommand trellis_cli_eligible_command = {
  "eligible",
  N_("List who may be drawn for an interview"),
  run_eligible,
};

/* A draw, as select prints it and as draws lists it in full. */
static void
print_draw (const TrellisStoredDraw *draw,
            gboolean                 with_picks)
{
  g_print (_("Draw %" PRId64 ", made %s by %s\n"), draw->id, draw->created, draw->user);
  g_print (_("Seed: %s\n"), draw->seed);
  g_print (_("Algorithm: %s\n"), draw->algorithm);
  g_print (_("Rule: %s\n"), draw->rule);
  g_print (_("Eligible-list SHA-256: %s\n"), draw->eligible_hash);
  g_print (_("Quotas (%s, total %u):"), draw->allocation, draw->total);
  for (guint i = 0; i < draw->cohorts->len; i++)
    g_print ("%s %s %u", i > 0 ? "," : "",
             ((TrellisEligibleCohort *) g_ptr_array_index (draw->cohorts, i))->name,
             g_array_index (draw->quotas, guint, i));
  g_print ("\n");
  if (!with_picks)
    return;
  g_print ("%s\n", _("Picks, in draw order:"));
  for (guint i = 0; i < draw->picks->len; i++)
    {
      const TrellisStoredPick *pick = &g_array_index (draw->picks, TrellisStoredPick, i);

      g_print ("  %3u  %-8s  %s", pick->sequence, pick->code, pick->cohort);
      if (pick->replacement)
        for (guint k = 0; k < draw->picks->len; k++)
          if (g_array_index (draw->picks, TrellisStoredPick, k).id == pick->replaces)
            g_print (_("  (replaces %s)"), g_array_index (draw->picks, TrellisStoredPick, k).code);
      g_print ("\n");
    }
}

/* --quota COHORT=N, as many times as there are cohorts to give quotas. */
static GHashTable *
parse_quotas (const char  *command,
              char       **texts,
              gboolean    *ok)
{
  g_autoptr(GHashTable) quotas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  *ok = TRUE;
  if (texts == NULL)
    return NULL;
  for (guint i = 0; texts[i] != NULL; i++)
    {
      const char *equals = strrchr (texts[i], '=');
      guint64 n = 0;

      if (equals == NULL || equals == texts[i] ||
          !g_ascii_string_to_unsigned (equals + 1, 10, 0, G_MAXINT32, &n, NULL))
        {
          *ok = FALSE;
          trellis_cli_usage_error (command, _("--quota takes COHORT=N, not “%s”"), texts[i]);
          return NULL;
        }
      g_hash_table_insert (quotas, g_strndup (texts[i], equals - texts[i]), GUINT_TO_POINTER ((guint) n));
    }
  return g_steal_pointer (&quotas);
}

static int
make_draw (TrellisDatabase    *database,
           TrellisDrawRequest *request)
{
  g_autoptr(TrellisStoredDraw) draw = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if ((id = trellis_interview_store_draw (database, request, &error)) == 0)
    return report_refusal (error);
  if ((draw = trellis_interview_store_get_draw (database, id, &error)) == NULL)
    return trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);
  print_draw (draw, TRUE);
  return TRELLIS_CLI_EXIT_OK;
}

static int
run_select (const TrellisCliCommand  *command,
            int                       argc,
            char                    **argv)
{
  static const char *const arguments[] = { N_("STUDY"), NULL };
  g_auto(RuleOptions) options = { 0 };
  g_auto(GStrv) quota_texts = NULL;
  g_autofree char *seed_text = NULL, *note = NULL;
  int total = 0;
  const GOptionEntry entries[] = {
    { "total", 'n', 0, G_OPTION_ARG_INT, &total, N_("How many to draw (required)"), N_("N") },
    { "quota", 'q', 0, G_OPTION_ARG_STRING_ARRAY, &quota_texts,
      N_("How many to draw from a cohort, instead of the proportional allocation; once per cohort"), N_("COHORT=N") },
    { "seed", 's', 0, G_OPTION_ARG_STRING, &seed_text,
      N_("The 64-bit seed, to reproduce a draw (default: a fresh one from the system)"), N_("SEED") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note kept with the draw"), N_("TEXT") },
    RULE_ENTRIES (options),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(GHashTable) quotas = NULL;
  g_autoptr(GError) error = NULL;
  TrellisDrawRequest request = { .note = NULL };
  gboolean ok;
  int exit_status;

  context = trellis_cli_option_context_new (command, N_("STUDY"),
                                            _("Draws interviewees at random from the eligible (see “trellis-cli\n"
                                              "eligible”), stratified by cohort: proportional to each cohort’s\n"
                                              "eligible count, at least one per cohort where the total allows, by\n"
                                              "largest remainders; or the quotas given with --quota, which must add\n"
                                              "up to --total. The same seed and eligible lists give the same picks.\n"
                                              "Prints the draw’s id, seed, list hash, quotas and picks in order."),
                                            entries);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments))
    return TRELLIS_CLI_EXIT_USAGE;
  if (total <= 0)
    return trellis_cli_usage_error (command->name, _("--total must be given, and at least 1"));
  request.have_seed = seed_text != NULL;
  if (seed_text != NULL && !trellis_interview_seed_parse (seed_text, &request.seed, &error))
    return trellis_cli_usage_error (command->name, "--seed: %s", error->message);
  quotas = parse_quotas (command->name, quota_texts, &ok);
  if (!ok)
    return TRELLIS_CLI_EXIT_USAGE;
  if ((database = trellis_cli_open_database_for_writing (argv[1], &exit_status)) == NULL)
    return exit_status;
  if (!build_rule (command->name, &options, database, &request.rule, &request.today))
    return TRELLIS_CLI_EXIT_USAGE;
  request.total = (guint) total;
  request.quotas = quotas;
  request.note = note;
  return make_draw (database, &request);
}

const TrellisCliCommand trellis_cli_select_command = {
  "select",
  N_("Draw interviewees at random, stratified by cohort"),
  run_select,
};

static gboolean
parse_draw_id (const char *command,
               const char *text,
               gint64     *id)
{
  guint64 value = 0;

  if (g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      *id = (gint64) value;
      return TRUE;
    }
  trellis_cli_usage_error (command, _("“%s” is not a draw id (a whole number; see “trellis-cli draws”)"), text);
  return FALSE;
}

static int
run_verify (const TrellisCliCommand  *command,
            int                       argc,
            char                    **argv)
{
  static const char *const arguments[] = { N_("STUDY"), N_("DRAW-ID"), NULL };
  const GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  TrellisDrawCheck check = { 0 };
  int exit_status;
  gint64 id;

  context = trellis_cli_option_context_new (command, N_("STUDY DRAW-ID"),
                                            _("Makes draw DRAW-ID again from its recorded seed, eligible lists and\n"
                                              "quotas, with its replacements, and compares the result with the\n"
                                              "recorded picks. Exits with 0 when they match, and with 1 and the\n"
                                              "first difference when they do not."),
                                            entries);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments))
    return TRELLIS_CLI_EXIT_USAGE;
  if (!parse_draw_id (command->name, argv[2], &id))
    return TRELLIS_CLI_EXIT_USAGE;
  if ((database = trellis_cli_open_database (argv[1], &exit_status)) == NULL)
    return exit_status;
  if (!trellis_interview_store_verify (database, id, &check, &description, &error))
    return report_refusal (error);
  exit_status = check.verdict == TRELLIS_DRAW_CHECK_MATCHES ? TRELLIS_CLI_EXIT_OK : TRELLIS_CLI_EXIT_PROBLEM;
  if (exit_status == TRELLIS_CLI_EXIT_OK)
    g_print (_("Draw %" PRId64 " matches: %s\n"), id, description);
  else
    g_print (_("Draw %" PRId64 " does not match: %s\n"), id, description);
  trellis_draw_check_clear (&check);
  return exit_status;
}

const TrellisCliCommand trellis_cli_verify_draw_command = {
  "verify-draw",
  N_("Check a draw by making it again from what was recorded"),
  run_verify,
};

static int
replace (const char             *path,
         gint64                  draw_id,
         const char             *code,
         TrellisInterviewStatus  reason)
{
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(TrellisStoredDraw) draw = NULL;
  g_autoptr(GError) error = NULL;
  const TrellisStoredPick *pick;
  int exit_status;
  gint64 participant_id, pick_id;

  if ((database = trellis_cli_open_database_for_writing (path, &exit_status)) == NULL ||
      (participant_id = trellis_cli_lookup_participant (database, code, &exit_status)) == 0)
    return exit_status;
  if ((pick_id = trellis_interview_store_replace (database, draw_id, participant_id, reason, &error)) == 0)
    return report_refusal (error);
  if ((draw = trellis_interview_store_get_draw (database, draw_id, &error)) == NULL)
    return trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);
  pick = &g_array_index (draw->picks, TrellisStoredPick, draw->picks->len - 1);
  g_print (_("Recorded %s as %s; replacement, pick %u of draw %" PRId64 ": %s (%s)\n"),
           code, trellis_interview_status_to_label (reason), pick->sequence, draw_id, pick->code, pick->cohort);
  return TRELLIS_CLI_EXIT_OK;
}

static int
run_replace (const TrellisCliCommand  *command,
             int                       argc,
             char                    **argv)
{
  static const char *const arguments[] = { N_("STUDY"), N_("DRAW-ID"), N_("CODE"), NULL };
  g_autofree char *reason_text = NULL;
  const GOptionEntry entries[] = {
    { "reason", 'r', 0, G_OPTION_ARG_STRING, &reason_text, N_("declined or did-not-attend (required)"), N_("WHY") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  TrellisInterviewStatus reason;
  gint64 id;

  context = trellis_cli_option_context_new (command, N_("STUDY DRAW-ID CODE"),
                                            _("Records that participant CODE, drawn in DRAW-ID, declined or did not\n"
                                              "attend, and draws a replacement from the same cohort’s remaining\n"
                                              "eligible list, continuing the draw’s random stream, so nobody is\n"
                                              "drawn twice and verify-draw can check the replacement too."),
                                            entries);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments))
    return TRELLIS_CLI_EXIT_USAGE;
  if (!parse_draw_id (command->name, argv[2], &id))
    return TRELLIS_CLI_EXIT_USAGE;
  if (reason_text == NULL ||
      !trellis_interview_status_from_string (reason_text, &reason, NULL) ||
      !trellis_interview_status_calls_for_replacement (reason))
    return trellis_cli_usage_error (command->name, _("--reason must be declined or did-not-attend"));
  return replace (argv[1], id, argv[3], reason);
}

const TrellisCliCommand trellis_cli_replace_command = {
  "replace",
  N_("Replace an interviewee who declined or did not attend"),
  run_replace,
};

static int
run_draws (const TrellisCliCommand  *command,
           int                       argc,
           char                    **argv)
{
  static const char *const arguments[] = { N_("STUDY"), NULL };
  gboolean picks = FALSE;
  const GOptionEntry entries[] = {
    { "picks", 'p', 0, G_OPTION_ARG_NONE, &picks, N_("Show each draw’s picks too"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(GPtrArray) draws = NULL;
  g_autoptr(GError) error = NULL;
  int exit_status;

  context = trellis_cli_option_context_new (command, N_("STUDY"),
                                            _("Lists the study’s interview draws, oldest first: when, by whom, the\n"
                                              "seed, rule, eligible-list hash and quotas, so each can be justified\n"
                                              "and checked with verify-draw."),
                                            entries);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments))
    return TRELLIS_CLI_EXIT_USAGE;
  if ((database = trellis_cli_open_database (argv[1], &exit_status)) == NULL)
    return exit_status;
  if ((draws = trellis_interview_store_list_draws (database, &error)) == NULL)
    return trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);
  if (draws->len == 0)
    g_print ("%s\n", _("The study has no interview draws yet."));
  for (guint i = 0; i < draws->len; i++)
    {
      const TrellisStoredDraw *draw = g_ptr_array_index (draws, i);
      guint n_replacements = 0;

      for (guint k = 0; k < draw->picks->len; k++)
        n_replacements += g_array_index (draw->picks, TrellisStoredPick, k).replacement;
      if (i > 0)
        g_print ("\n");
      print_draw (draw, picks);
      g_print (_("Picks: %u, of which replacements: %u\n"), draw->picks->len, n_replacements);
    }
  return TRELLIS_CLI_EXIT_OK;
}

const TrellisCliCommand trellis_cli_draws_command = {
  "draws",
  N_("List the interview draws"),
  run_draws,
};
