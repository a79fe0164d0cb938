/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-cli-instrument.h"
#include "trellis-cli-register.h"
#include "trellis-domain-error.h"
#include "trellis-instrument-store.h"

/* trellis-cli instrument …: the study's questionnaires and tests, how their
 * scores are made, and recomputing the scores on file. */

static GPtrArray *
load_instruments (const char       *study_path,
                  gboolean          for_writing,
                  TrellisDatabase **database,
                  int              *exit_status)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *instruments;

  *database = for_writing ? trellis_cli_open_database_for_writing (study_path, exit_status)
                          : trellis_cli_open_database (study_path, exit_status);
  if (*database == NULL)
    return NULL;
  if ((instruments = trellis_instrument_store_load (*database, &error)) == NULL)
    *exit_status = trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);
  return instruments;
}

/* The instrument with that code (any case), or NULL with the refusal
 * reported in exit_status. */
static TrellisInstrument *
find_instrument (GPtrArray  *instruments,
                 const char *code,
                 int        *exit_status)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < instruments->len; i++)
    if (g_ascii_strcasecmp (trellis_instrument_get_code (instruments->pdata[i]), code) == 0)
      return instruments->pdata[i];
  g_set_error (&error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
               _("There is no instrument with the code “%s”"), code);
  *exit_status = trellis_cli_report_refusal (error);
  return NULL;
}

static char *
describe_rule (TrellisInstrument *instrument)
{
  TrellisScoringRule rule;

  trellis_instrument_get_rule (instrument, &rule);
  return trellis_scoring_rule_describe (&rule, trellis_instrument_get_items (instrument)->len);
}

static int
instrument_list (const TrellisCliCommand  *command,
                 int                       argc,
                 char                    **argv)
{
  static const char *const arguments[] = { N_("STUDY"), NULL };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(GPtrArray) instruments = NULL;
  g_autoptr(GPtrArray) table = trellis_cli_table_new ();
  int exit_status;

  context = trellis_cli_option_context_new (command, N_("STUDY"),
                                            _("Lists the instruments: code, label, number of items and how the\n"
                                              "score is made."), NULL);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments))
    return TRELLIS_CLI_EXIT_USAGE;
  if ((instruments = load_instruments (argv[1], FALSE, &database, &exit_status)) == NULL)
    return exit_status;

  trellis_cli_table_add (table, 4, _("Code"), _("Label"), _("Items"), _("Scoring"));
  for (guint i = 0; i < instruments->len; i++)
    {
      TrellisInstrument *instrument = instruments->pdata[i];
      g_autofree char *n = g_strdup_printf ("%u", trellis_instrument_get_items (instrument)->len);
      g_autofree char *rule = describe_rule (instrument);

      trellis_cli_table_add (table, 4, trellis_instrument_get_code (instrument),
                             trellis_instrument_get_label (instrument), n, rule);
    }
  trellis_cli_table_print (table);
  return TRELLIS_CLI_EXIT_OK;
}

static char *
describe_scale (TrellisItem *item)
{
  switch (trellis_item_get_kind (item))
    {
    case TRELLIS_ITEM_CORRECT:
      return g_strdup_printf (_("%d–%d, correct %d"), trellis_item_get_min (item), trellis_item_get_max (item),
                              trellis_item_get_correct (item));
    case TRELLIS_ITEM_INTEGER:
    case TRELLIS_ITEM_CHOICE:
    default:
      return g_strdup_printf ("%d–%d", trellis_item_get_min (item), trellis_item_get_max (item));
    }
}

static void
print_items (TrellisInstrument *instrument)
{
  GPtrArray *items = trellis_instrument_get_items (instrument);
  g_autoptr(GPtrArray) table = trellis_cli_table_new ();

  trellis_cli_table_add (table, 4, _("Item"), _("Scale"), _("Reversed"), _("Text"));
  for (guint i = 0; i < items->len; i++)
    {
      TrellisItem *item = items->pdata[i];
      g_autofree char *scale = describe_scale (item);
      g_autofree char *reversed = NULL;

      if (trellis_item_get_reverse (item))
        reversed = g_strdup_printf (_("yes (%d − x)"), trellis_item_get_min (item) + trellis_item_get_max (item));
      trellis_cli_table_add (table, 4, trellis_item_get_code (item), scale,
                             reversed != NULL ? reversed : _("no"), trellis_item_get_text (item));
    }
  trellis_cli_table_print (table);
}

static void
print_bands (TrellisInstrument *instrument)
{
  const TrellisScoreBand *bands;
  guint n_bands;

  bands = trellis_instrument_get_bands (instrument, &n_bands);
  if (n_bands == 0)
    {
      g_print ("%s\n", _("Bands:   none"));
      return;
    }
  g_print ("%s\n", _("Bands:"));
  for (guint i = 0; i < n_bands; i++)
    {
      if (i + 1 == n_bands)
        g_print (_("  %s: above the bands before it\n"), bands[i].label);
      else if (bands[i].inclusive)
        g_print (_("  %s: up to and including %.2f\n"), bands[i].label, bands[i].upper);
      else
        g_print (_("  %s: below %.2f\n"), bands[i].label, bands[i].upper);
    }
}

static int
instrument_show (const TrellisCliCommand  *command,
                 int                       argc,
                 char                    **argv)
{
  static const char *const arguments[] = { N_("STUDY"), N_("CODE"), NULL };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(GPtrArray) instruments = NULL;
  g_autofree char *rule = NULL;
  TrellisInstrument *instrument;
  int exit_status;

  context = trellis_cli_option_context_new (command, N_("STUDY CODE"),
                                            _("Shows instrument CODE: its items with their scales and reversal, how\n"
                                              "the score is made (with the missing-item rule and its version), and the\n"
                                              "score bands."), NULL);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments))
    return TRELLIS_CLI_EXIT_USAGE;
  if ((instruments = load_instruments (argv[1], FALSE, &database, &exit_status)) == NULL ||
      (instrument = find_instrument (instruments, argv[2], &exit_status)) == NULL)
    return exit_status;

  rule = describe_rule (instrument);
  g_print ("%s  %s\n", trellis_instrument_get_code (instrument), trellis_instrument_get_label (instrument));
  g_print (_("Scoring: %s\n"), rule);
  print_bands (instrument);
  print_items (instrument);
  return TRELLIS_CLI_EXIT_OK;
}

static int
instrument_rescore (const TrellisCliCommand  *command,
                    int                       argc,
                    char                    **argv)
{
  static const char *const all[] = { N_("STUDY"), NULL };
  static const char *const one[] = { N_("STUDY"), N_("CODE"), NULL };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(GPtrArray) instruments = NULL;
  TrellisInstrument *only = NULL;
  int exit_status;

  context = trellis_cli_option_context_new (command, N_("STUDY [CODE]"),
                                            _("Recomputes every score of instrument CODE, or of all instruments, from\n"
                                              "the answers on file with the instrument’s current rule, and records the\n"
                                              "rule version with each score."), NULL);
  if (!trellis_cli_parse (command, context, &argc, &argv, argc > 2 ? one : all))
    return TRELLIS_CLI_EXIT_USAGE;
  if ((instruments = load_instruments (argv[1], TRUE, &database, &exit_status)) == NULL ||
      (argc > 2 && (only = find_instrument (instruments, argv[2], &exit_status)) == NULL))
    return exit_status;

  for (guint i = 0; i < instruments->len; i++)
    {
      TrellisInstrument *instrument = instruments->pdata[i];
      g_autofree char *reason = NULL;
      g_autoptr(GError) error = NULL;
      guint n = 0;

      if (only != NULL && instrument != only)
        continue;
      reason = g_strdup_printf (_("Scores of %s recomputed"), trellis_instrument_get_code (instrument));
      if (!trellis_instrument_store_rescore (database, instrument, reason, &n, &error))
        return trellis_cli_report_refusal (error);
      g_print (ngettext ("Recomputed %u score of %s\n", "Recomputed %u scores of %s\n", n),
               n, trellis_instrument_get_code (instrument));
    }
  return TRELLIS_CLI_EXIT_OK;
}

static int
instrument_delete (const TrellisCliCommand  *command,
                   int                       argc,
                   char                    **argv)
{
  static const char *const arguments[] = { N_("STUDY"), N_("CODE"), NULL };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(GPtrArray) instruments = NULL;
  g_autoptr(GError) error = NULL;
  TrellisInstrument *instrument;
  int exit_status;

  context = trellis_cli_option_context_new (command, N_("STUDY CODE"),
                                            _("Deletes instrument CODE with its items, recorded in the audit trail.\n"
                                              "An instrument with answer sheets on file is refused (exit status 1):\n"
                                              "its answers and scores would be lost. The built-in Brief Resilience\n"
                                              "Scale follows the same rule."), NULL);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments))
    return TRELLIS_CLI_EXIT_USAGE;
  if ((instruments = load_instruments (argv[1], TRUE, &database, &exit_status)) == NULL ||
      (instrument = find_instrument (instruments, argv[2], &exit_status)) == NULL)
    return exit_status;
  if (!trellis_instrument_store_delete (database, trellis_instrument_get_id (instrument), &error))
    return error->domain == TRELLIS_DOMAIN_ERROR ? trellis_cli_report_refusal (error)
                                                 : trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);
  g_print (_("Deleted %s\n"), trellis_instrument_get_code (instrument));
  return TRELLIS_CLI_EXIT_OK;
}

static const TrellisCliCommand instrument_commands[] = {
  { "instrument list", N_("List the instruments"), instrument_list },
  { "instrument show", N_("Show an instrument’s items, scoring rule and bands"), instrument_show },
  { "instrument rescore", N_("Recompute the scores on file"), instrument_rescore },
  { "instrument delete", N_("Delete an instrument nobody has answered"), instrument_delete },
};

static int
run_instrument (const TrellisCliCommand  *command,
                int                       argc,
                char                    **argv)
{
  return trellis_cli_run_group (command, instrument_commands, G_N_ELEMENTS (instrument_commands), argc, argv);
}

const TrellisCliCommand trellis_cli_instrument_command = {
  "instrument",
  N_("List, show, rescore or delete the study’s instruments"),
  run_instrument,
};
