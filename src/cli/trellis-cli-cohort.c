/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "trellis-cli-cohort.h"
#include "trellis-cli-register.h"
#include "trellis-cohort-store.h"

/* trellis-cli cohort …: the study's cohorts. Each sub-command opens the
 * study itself: the reading one without a claim, the others for writing. */

static int
cohort_list (const TrellisCliCommand  *command,
             int                       argc,
             char                    **argv)
{
  static const char *const arguments[] = { N_("STUDY"), NULL };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(GPtrArray) cohorts = NULL;
  g_autoptr(GPtrArray) table = trellis_cli_table_new ();
  g_autoptr(GError) error = NULL;
  int exit_status;

  context = trellis_cli_option_context_new (command, N_("STUDY"),
                                            _("Lists the cohorts, open ones first: name, profession, site, start date,\n"
                                              "number of participants, and whether the cohort is archived."), NULL);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments))
    return TRELLIS_CLI_EXIT_USAGE;
  if ((database = trellis_cli_open_database (argv[1], &exit_status)) == NULL)
    return exit_status;
  if ((cohorts = trellis_cohort_store_load (database, &error)) == NULL)
    return trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);

  trellis_cli_table_add (table, 6, _("Name"), _("Profession"), _("Site"), _("Start"), _("Participants"),
                         _("Archived"));
  for (guint i = 0; i < cohorts->len; i++)
    {
      TrellisCohort *cohort = g_ptr_array_index (cohorts, i);
      g_autofree char *n = g_strdup_printf ("%d", trellis_cohort_get_n_participants (cohort));

      trellis_cli_table_add (table, 6, trellis_cohort_get_name (cohort), trellis_cohort_get_profession (cohort),
                             trellis_cohort_get_site (cohort), trellis_cohort_get_start_date (cohort), n,
                             trellis_cohort_get_archived (cohort) ? _("yes") : _("no"));
    }
  trellis_cli_table_print (table);
  return TRELLIS_CLI_EXIT_OK;
}

static int
cohort_add (const TrellisCliCommand  *command,
            int                       argc,
            char                    **argv)
{
  static const char *const arguments[] = { N_("STUDY"), N_("NAME"), NULL };
  g_autofree char *profession = NULL, *site = NULL, *start = NULL;
  const GOptionEntry entries[] = {
    { "profession", 'p', 0, G_OPTION_ARG_STRING, &profession, N_("The profession (see “trellis-cli profession list”)"), N_("PROFESSION") },
    { "site", 's', 0, G_OPTION_ARG_STRING, &site, N_("Where the cohort is recruited"), N_("SITE") },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start, N_("The start date"), N_("YYYY-MM-DD") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(TrellisCohort) cohort = trellis_cohort_new ();
  g_autoptr(GError) error = NULL;
  int exit_status;

  context = trellis_cli_option_context_new (command, N_("STUDY NAME"),
                                            _("Adds a cohort called NAME; --profession is required."), entries);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments))
    return TRELLIS_CLI_EXIT_USAGE;
  if (profession == NULL)
    return trellis_cli_usage_error (command->name, _("missing option --profession"));
  if (!trellis_cli_check_date (command, "--start", start))
    return TRELLIS_CLI_EXIT_USAGE;
  if ((database = trellis_cli_open_database_for_writing (argv[1], &exit_status)) == NULL)
    return exit_status;

  trellis_cohort_set_name (cohort, argv[2]);
  trellis_cohort_set_profession (cohort, profession);
  trellis_cohort_set_site (cohort, site);
  trellis_cohort_set_start_date (cohort, start);
  if (!trellis_cohort_store_create (database, cohort, &error))
    return trellis_cli_report_refusal (error);
  g_print (_("Added cohort “%s”\n"), trellis_cohort_get_name (cohort));
  return TRELLIS_CLI_EXIT_OK;
}

/* The cohort as stored, to be edited and saved whole. */
static TrellisCohort *
load_cohort (TrellisDatabase *database,
             const char      *name,
             int             *exit_status)
{
  g_autoptr(GPtrArray) cohorts = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = trellis_cli_lookup_cohort (database, name, exit_status);

  if (id == 0)
    return NULL;
  if ((cohorts = trellis_cohort_store_load (database, &error)) == NULL)
    {
      *exit_status = trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);
      return NULL;
    }
  for (guint i = 0; i < cohorts->len; i++)
    if (trellis_cohort_get_id (g_ptr_array_index (cohorts, i)) == id)
      return g_object_ref (g_ptr_array_index (cohorts, i));
  *exit_status = TRELLIS_CLI_EXIT_IO;
  return NULL;
}

typedef struct
{
  char *name;
  char *profession;
  char *site;
  char *start;
} CohortEdit;

static void
apply_edit (TrellisCohort    *cohort,
            const CohortEdit *edit)
{
  if (edit->name != NULL)
    trellis_cohort_set_name (cohort, edit->name);
  if (edit->profession != NULL)
    {
      /* The store reads the profession by name when the id is 0. */
      trellis_cohort_set_profession_id (cohort, 0);
      trellis_cohort_set_profession (cohort, edit->profession);
    }
  if (edit->site != NULL)
    trellis_cohort_set_site (cohort, edit->site);
  if (edit->start != NULL)
    trellis_cohort_set_start_date (cohort, *edit->start != '\0' ? edit->start : NULL);
}

static int
save_edit (const char       *study_path,
           const char       *name,
           const CohortEdit *edit)
{
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(TrellisCohort) cohort = NULL;
  g_autoptr(GError) error = NULL;
  int exit_status;

  if ((database = trellis_cli_open_database_for_writing (study_path, &exit_status)) == NULL ||
      (cohort = load_cohort (database, name, &exit_status)) == NULL)
    return exit_status;
  apply_edit (cohort, edit);
  if (!trellis_cohort_store_update (database, cohort, &error))
    return trellis_cli_report_refusal (error);
  g_print (_("Saved cohort “%s”\n"), trellis_cohort_get_name (cohort));
  return TRELLIS_CLI_EXIT_OK;
}

static int
cohort_edit (const TrellisCliCommand  *command,
             int                       argc,
             char                    **argv)
{
  static const char *const arguments[] = { N_("STUDY"), N_("NAME"), NULL };
  CohortEdit edit = { NULL };
  const GOptionEntry entries[] = {
    { "name", 'n', 0, G_OPTION_ARG_STRING, &edit.name, N_("A new name"), N_("NAME") },
    { "profession", 'p', 0, G_OPTION_ARG_STRING, &edit.profession, N_("Another profession"), N_("PROFESSION") },
    { "site", 's', 0, G_OPTION_ARG_STRING, &edit.site, N_("Another site (empty clears it)"), N_("SITE") },
    { "start", 0, 0, G_OPTION_ARG_STRING, &edit.start, N_("Another start date (empty clears it)"), N_("YYYY-MM-DD") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  int exit_status = TRELLIS_CLI_EXIT_USAGE;

  context = trellis_cli_option_context_new (command, N_("STUDY NAME"),
                                            _("Changes the cohort called NAME; what is not given stays as it was."),
                                            entries);
  if (trellis_cli_parse (command, context, &argc, &argv, arguments) &&
      trellis_cli_check_date (command, "--start", edit.start))
    exit_status = save_edit (argv[1], argv[2], &edit);
  g_free (edit.name);
  g_free (edit.profession);
  g_free (edit.site);
  g_free (edit.start);
  return exit_status;
}

/* archive, unarchive and delete: one cohort by name, one change. */
static int
cohort_change (const TrellisCliCommand  *command,
               int                       argc,
               char                    **argv,
               const char               *details)
{
  static const char *const arguments[] = { N_("STUDY"), N_("NAME"), NULL };
  g_autoptr(GOptionContext) context = trellis_cli_option_context_new (command, N_("STUDY NAME"), details, NULL);
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  const char *verb = strrchr (command->name, ' ') + 1;
  int exit_status;
  gint64 id;
  gboolean ok;

  if (!trellis_cli_parse (command, context, &argc, &argv, arguments))
    return TRELLIS_CLI_EXIT_USAGE;
  if ((database = trellis_cli_open_database_for_writing (argv[1], &exit_status)) == NULL ||
      (id = trellis_cli_lookup_cohort (database, argv[2], &exit_status)) == 0)
    return exit_status;
  if (g_str_equal (verb, "delete"))
    ok = trellis_cohort_store_delete (database, id, &error);
  else
    ok = trellis_cohort_store_set_archived (database, id, g_str_equal (verb, "archive"), &error);
  if (!ok)
    return trellis_cli_report_refusal (error);
  if (g_str_equal (verb, "delete"))
    g_print (_("Deleted cohort “%s”\n"), argv[2]);
  else if (g_str_equal (verb, "archive"))
    g_print (_("Archived cohort “%s”; it takes no new participants\n"), argv[2]);
  else
    g_print (_("Reopened cohort “%s”\n"), argv[2]);
  return TRELLIS_CLI_EXIT_OK;
}

static int
cohort_archive (const TrellisCliCommand  *command,
                int                       argc,
                char                    **argv)
{
  return cohort_change (command, argc, argv,
                        _("Archives the cohort called NAME: it keeps its participants, takes no new ones."));
}

static int
cohort_unarchive (const TrellisCliCommand  *command,
                  int                       argc,
                  char                    **argv)
{
  return cohort_change (command, argc, argv, _("Reopens the archived cohort called NAME."));
}

static int
cohort_delete (const TrellisCliCommand  *command,
               int                       argc,
               char                    **argv)
{
  return cohort_change (command, argc, argv,
                        _("Deletes the cohort called NAME; only a cohort without participants can be deleted."));
}

static const TrellisCliCommand cohort_commands[] = {
  { "cohort list", N_("List the cohorts"), cohort_list },
  { "cohort add", N_("Add a cohort"), cohort_add },
  { "cohort edit", N_("Change a cohort’s name, profession, site or start date"), cohort_edit },
  { "cohort archive", N_("Archive a cohort"), cohort_archive },
  { "cohort unarchive", N_("Reopen an archived cohort"), cohort_unarchive },
  { "cohort delete", N_("Delete a cohort without participants"), cohort_delete },
};

static int
run_cohort (const TrellisCliCommand  *command,
            int                       argc,
            char                    **argv)
{
  return trellis_cli_run_group (command, cohort_commands, G_N_ELEMENTS (cohort_commands), argc, argv);
}

const TrellisCliCommand trellis_cli_cohort_command = {
  "cohort",
  N_("List, add, change, archive or delete cohorts"),
  run_cohort,
};
