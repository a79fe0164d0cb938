/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "trellis-cli-register.h"
#include "trellis-cli-visit.h"
#include "trellis-domain-error.h"
#include "trellis-instrument-store.h"
#include "trellis-participant-store.h"
#include "trellis-study-measures.h"
#include "trellis-timepoint-plan.h"
#include "trellis-timepoint-store.h"
#include "trellis-visit-store.h"

/* trellis-cli visit: one participant's questionnaires at one timepoint, as a
 * data-entry form would save them, marked missed, or shown as they are on
 * file. Answers are given per instrument, in item order, as on paper:
 * “BRS=4,2,,2,4,2” leaves the third item blank. */

/* What the command line asks of the visit, once the study is open. */
typedef struct
{
  TrellisDatabase *database;
  gint64           participant_id;
  char            *code;         /* the participant's code as stored */
  TrellisTimepoint *timepoint;
  GPtrArray       *instruments;
} Visit;

static void
visit_clear (Visit *visit)
{
  g_clear_object (&visit->database);
  g_clear_pointer (&visit->code, g_free);
  g_clear_object (&visit->timepoint);
  g_clear_pointer (&visit->instruments, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Visit, visit_clear)

static TrellisTimepoint *
find_timepoint (TrellisDatabase  *database,
                const char       *code,
                GError          **error)
{
  g_autoptr(GPtrArray) plan = trellis_timepoint_store_load (database, error);
  g_autofree char *wanted = trellis_timepoint_plan_normalize_code (code);

  if (plan == NULL)
    return NULL;
  for (guint i = 0; i < plan->len; i++)
    if (g_strcmp0 (trellis_timepoint_get_code (plan->pdata[i]), wanted) == 0)
      return g_object_ref (plan->pdata[i]);
  g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
               _("There is no timepoint with the code “%s” in the study’s plan"), code);
  return NULL;
}

/* Opens the study and finds the participant, the timepoint and the
 * instruments; returns the exit status. */
static int
open_visit (Visit      *visit,
            const char *study_path,
            const char *code,
            const char *timepoint,
            gboolean    for_writing)
{
  g_autoptr(GError) error = NULL;
  int exit_status;

  visit->database = for_writing ? trellis_cli_open_database_for_writing (study_path, &exit_status)
                                : trellis_cli_open_database (study_path, &exit_status);
  if (visit->database == NULL ||
      (visit->participant_id = trellis_cli_lookup_participant (visit->database, code, &exit_status)) == 0)
    return exit_status;
  visit->code = trellis_participant_store_get_code (visit->database, visit->participant_id, NULL);
  if ((visit->timepoint = find_timepoint (visit->database, timepoint, &error)) == NULL ||
      (visit->instruments = trellis_instrument_store_load (visit->database, &error)) == NULL)
    return trellis_cli_report_refusal (error);
  return TRELLIS_CLI_EXIT_OK;
}

static TrellisInstrument *
find_instrument (GPtrArray  *instruments,
                 const char *code)
{
  for (guint i = 0; i < instruments->len; i++)
    if (g_ascii_strcasecmp (trellis_instrument_get_code (instruments->pdata[i]), code) == 0)
      return instruments->pdata[i];
  return NULL;
}

/* “4,2,,2,4,2” as one value per item, blanks unanswered. */
static GArray *
parse_values (TrellisInstrument  *instrument,
              const char         *text,
              GError            **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (int));
  const TrellisItemSpec *specs;
  guint n_items;

  specs = trellis_instrument_get_specs (instrument, &n_items);
  if (g_strv_length (parts) != n_items)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   ngettext ("%s has %u item, but %u values were given (leave a blank between commas for an unanswered item)",
                             "%s has %u items, but %u values were given (leave a blank between commas for an unanswered item)",
                             n_items),
                   trellis_instrument_get_code (instrument), n_items, g_strv_length (parts));
      return NULL;
    }
  for (guint i = 0; i < n_items; i++)
    {
      int value = TRELLIS_ITEM_UNANSWERED;

      g_strstrip (parts[i]);
      if (*parts[i] != '\0' && !trellis_scoring_parse_value (&specs[i], parts[i], &value, error))
        return NULL;
      g_array_append_val (values, value);
    }
  return g_steal_pointer (&values);
}

/* Adds “CODE=values” to the form. */
static gboolean
add_values (Visit                *visit,
            TrellisVisitAnswers  *answers,
            const char           *assignment,
            GError              **error)
{
  const char *equals = strchr (assignment, '=');
  g_autofree char *code = NULL;
  g_autoptr(GArray) values = NULL;
  TrellisInstrument *instrument;

  if (equals == NULL)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("“%s” is not INSTRUMENT=VALUES, e.g. BRS=4,2,,2,4,2"), assignment);
      return FALSE;
    }
  code = g_strstrip (g_strndup (assignment, equals - assignment));
  if ((instrument = find_instrument (visit->instruments, code)) == NULL)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("There is no instrument with the code “%s”"), code);
      return FALSE;
    }
  if ((values = parse_values (instrument, equals + 1, error)) == NULL)
    return FALSE;
  trellis_visit_answers_set_values (answers, trellis_instrument_get_code (instrument),
                                    (const int *) (gpointer) values->data, values->len);
  return TRUE;
}

static char *
format_values (const int *values,
               guint      n_values)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < n_values; i++)
    {
      if (i > 0)
        g_string_append_c (text, ',');
      if (values[i] != TRELLIS_ITEM_UNANSWERED)
        g_string_append_printf (text, "%d", values[i]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const TrellisSheetScore *
find_score (GArray            *scores,
            TrellisInstrument *instrument)
{
  for (guint i = 0; i < scores->len; i++)
    if (g_array_index (scores, TrellisSheetScore, i).instrument_id == trellis_instrument_get_id (instrument))
      return &g_array_index (scores, TrellisSheetScore, i);
  return NULL;
}

/* “score 4.00 (normal), 6 of 6 items answered, rule version 1”. */
static char *
describe_score (TrellisInstrument       *instrument,
                const TrellisSheetScore *sheet)
{
  guint n_items = trellis_instrument_get_items (instrument)->len;
  g_autofree char *score = NULL;
  const TrellisScoreBand *bands;
  const char *band;
  guint n_bands;

  if (sheet->missing)
    return g_strdup_printf (_("no score (%d of %u items answered, too few for a score), rule version %d"),
                            sheet->answered, n_items, sheet->rule_version);
  bands = trellis_instrument_get_bands (instrument, &n_bands);
  band = n_bands > 0 ? trellis_scoring_band (bands, n_bands, sheet->score) : NULL;
  score = band != NULL ? g_strdup_printf (_("score %.2f (%s)"), sheet->score, band)
                       : g_strdup_printf (_("score %.2f"), sheet->score);
  if (sheet->rule_version == TRELLIS_SCORING_GIVEN_VERSION)
    return g_strdup_printf (_("%s, imported as a score (no items)"), score);
  return g_strdup_printf (_("%s, %d of %u items answered, rule version %d"), score, sheet->answered, n_items,
                          sheet->rule_version);
}

static void
print_instrument (TrellisInstrument         *instrument,
                  const TrellisVisitAnswers *answers,
                  GArray                    *scores)
{
  const TrellisSheetScore *sheet = find_score (scores, instrument);
  g_autofree char *shown = NULL;
  g_autofree char *score = NULL;
  const int *values;
  guint n_values = 0;

  values = trellis_visit_answers_get_values (answers, trellis_instrument_get_code (instrument), &n_values);
  if (values == NULL)
    {
      g_print (_("  %s: not entered\n"), trellis_instrument_get_code (instrument));
      return;
    }
  shown = format_values (values, n_values);
  g_print ("  %s=%s\n", trellis_instrument_get_code (instrument), shown);
  if (sheet != NULL)
    {
      score = describe_score (instrument, sheet);
      g_print ("    %s\n", score);
    }
}

static int
print_visit (Visit *visit)
{
  g_autoptr(TrellisVisitAnswers) answers = NULL;
  g_autoptr(GArray) scores = NULL;
  g_autoptr(GError) error = NULL;
  gint64 timepoint_id = trellis_timepoint_get_id (visit->timepoint);

  if ((answers = trellis_visit_store_load (visit->database, visit->instruments, visit->participant_id,
                                           timepoint_id, &error)) == NULL ||
      (scores = trellis_visit_store_load_scores (visit->database, visit->participant_id, timepoint_id,
                                                 &error)) == NULL)
    return trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);

  g_print ("%s, %s (%s): ", visit->code, trellis_timepoint_get_code (visit->timepoint),
           trellis_timepoint_get_label (visit->timepoint));
  if (answers->completed_date != NULL)
    g_print (_("completed on %s\n"), answers->completed_date);
  else if (answers->missed)
    g_print ("%s\n", _("marked missed"));
  else
    g_print ("%s\n", _("nothing on file"));
  if (answers->completed_date == NULL)
    return TRELLIS_CLI_EXIT_OK;
  for (guint i = 0; i < visit->instruments->len; i++)
    print_instrument (visit->instruments->pdata[i], answers, scores);
  return TRELLIS_CLI_EXIT_OK;
}

static int
save_form (Visit       *visit,
           const char  *date,
           char       **assignments,
           int          n_assignments)
{
  g_autoptr(TrellisVisitAnswers) answers = NULL;
  g_autoptr(GError) error = NULL;

  answers = trellis_visit_answers_new (visit->participant_id, trellis_timepoint_get_id (visit->timepoint));
  trellis_visit_answers_set_date (answers, date);
  for (int i = 0; i < n_assignments; i++)
    if (!add_values (visit, answers, assignments[i], &error))
      {
        g_prefix_error (&error, "%s, %s: ", visit->code, trellis_timepoint_get_code (visit->timepoint));
        return trellis_cli_report_refusal (error);
      }
  if (!trellis_visit_store_save (visit->database, visit->instruments, answers, trellis_study_today (), &error))
    return trellis_cli_report_refusal (error);
  g_print (_("Saved the questionnaires of %s at %s\n"), visit->code, trellis_timepoint_get_code (visit->timepoint));
  return print_visit (visit);
}

static int
set_missed (Visit    *visit,
            gboolean  missed)
{
  g_autoptr(GError) error = NULL;

  if (!trellis_visit_store_set_missed (visit->database, visit->participant_id,
                                       trellis_timepoint_get_id (visit->timepoint), missed, &error))
    return trellis_cli_report_refusal (error);
  g_print (missed ? _("Marked %s at %s as missed\n") : _("%s at %s is no longer marked missed\n"),
           visit->code, trellis_timepoint_get_code (visit->timepoint));
  return TRELLIS_CLI_EXIT_OK;
}

/* STUDY CODE TIMEPOINT, then any number of INSTRUMENT=VALUES: more than
 * trellis_cli_parse () counts, so the command counts them itself. */
static gboolean
parse_arguments (const TrellisCliCommand   *command,
                 GOptionContext            *context,
                 int                       *argc,
                 char                    ***argv)
{
  static const char *const wanted[] = { N_("STUDY"), N_("CODE"), N_("TIMEPOINT") };
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      trellis_cli_usage_error (command->name, "%s", error->message);
      return FALSE;
    }
  if (*argc < 4)
    {
      trellis_cli_usage_error (command->name, _("missing argument %s"), _(wanted[MAX (*argc, 1) - 1]));
      return FALSE;
    }
  return TRUE;
}

static int
run_visit (const TrellisCliCommand  *command,
           int                       argc,
           char                    **argv)
{
  g_autofree char *date = NULL;
  gboolean missed = FALSE, not_missed = FALSE;
  const GOptionEntry entries[] = {
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date, N_("The date the questionnaires were completed"), N_("YYYY-MM-DD") },
    { "missed", 0, 0, G_OPTION_ARG_NONE, &missed, N_("Record that this timepoint will not happen"), NULL },
    { "not-missed", 0, 0, G_OPTION_ARG_NONE, &not_missed, N_("Take back --missed"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_auto(Visit) visit = { 0 };
  gboolean saving;
  int exit_status;

  context = trellis_cli_option_context_new (command, N_("STUDY CODE TIMEPOINT [INSTRUMENT=VALUES…]"),
                                            _("With --date, saves participant CODE’s questionnaires at TIMEPOINT,\n"
                                              "completed on that date: each INSTRUMENT=VALUES gives one value per item\n"
                                              "in order, a blank between commas for an unanswered item (BRS=4,2,,2,4,2);\n"
                                              "all blanks remove that instrument’s answers. Values are checked against\n"
                                              "each item’s scale, dates against today and the other timepoints.\n"
                                              "--missed records that the timepoint will not happen, --not-missed takes\n"
                                              "that back. With none of these, prints what is on file."), entries);
  if (!parse_arguments (command, context, &argc, &argv))
    return TRELLIS_CLI_EXIT_USAGE;
  saving = date != NULL || argc > 4;
  if ((missed || not_missed) && (saving || (missed && not_missed)))
    return trellis_cli_usage_error (command->name, _("--missed and --not-missed go alone, without --date or answers"));
  if (argc > 4 && date == NULL)
    return trellis_cli_usage_error (command->name, _("answers need --date, the date they were completed"));
  if (!trellis_cli_check_date (command, "--date", date))
    return TRELLIS_CLI_EXIT_USAGE;
  if ((exit_status = open_visit (&visit, argv[1], argv[2], argv[3], saving || missed || not_missed)) != 0)
    return exit_status;
  if (saving)
    return save_form (&visit, date, argv + 4, argc - 4);
  if (missed || not_missed)
    return set_missed (&visit, missed);
  return print_visit (&visit);
}

const TrellisCliCommand trellis_cli_visit_command = {
  "visit",
  N_("Enter, mark missed or show a participant’s questionnaires at a timepoint"),
  run_visit,
};
