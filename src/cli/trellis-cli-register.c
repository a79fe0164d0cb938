/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "trellis-cli-register.h"
#include "trellis-cohort-store.h"
#include "trellis-date.h"
#include "trellis-domain-error.h"
#include "trellis-participant-store.h"
#include "trellis-storage-error.h"

static const TrellisCliCommand *
find_subcommand (const TrellisCliCommand        *group,
                 const TrellisCliCommand        *subcommands,
                 guint                           n_subcommands,
                 const char                     *name)
{
  gsize prefix = strlen (group->name) + 1;

  for (guint i = 0; i < n_subcommands; i++)
    if (g_strcmp0 (subcommands[i].name + prefix, name) == 0)
      return &subcommands[i];
  return NULL;
}

static char *
list_subcommands (const TrellisCliCommand        *group,
                  const TrellisCliCommand        *subcommands,
                  guint                           n_subcommands)
{
  GString *text = g_string_new (_("Sub-commands:"));
  gsize prefix = strlen (group->name) + 1;

  for (guint i = 0; i < n_subcommands; i++)
    g_string_append_printf (text, "\n  %-18s %s", subcommands[i].name + prefix, _(subcommands[i].summary));
  g_string_append_printf (text, _("\n\nRun “trellis-cli %s SUB-COMMAND --help” for a sub-command’s arguments."),
                          group->name);
  return g_string_free (text, FALSE);
}

/* Without a sub-command: --help lists them, and anything else is a usage error. */
static int
run_group_help (const TrellisCliCommand        *group,
                const TrellisCliCommand        *subcommands,
                guint                           n_subcommands,
                int                             argc,
                char                          **argv)
{
  g_autofree char *details = list_subcommands (group, subcommands, n_subcommands);
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;

  context = trellis_cli_option_context_new (group, N_("SUB-COMMAND [ARGUMENT…]"), details, NULL);
  g_option_context_set_strict_posix (context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return trellis_cli_usage_error (group->name, "%s", error->message);
  return trellis_cli_usage_error (group->name, _("no sub-command given"));
}

/* Runs “trellis-cli GROUP SUB-COMMAND …” with argv[0] set to the sub-command. */
int
trellis_cli_run_group (const TrellisCliCommand        *group,
                       const TrellisCliCommand        *subcommands,
                       guint                           n_subcommands,
                       int                             argc,
                       char                          **argv)
{
  const TrellisCliCommand *subcommand;
  g_autofree char *prgname = NULL;

  if (argc < 2 || argv[1][0] == '-')
    return run_group_help (group, subcommands, n_subcommands, argc, argv);

  subcommand = find_subcommand (group, subcommands, n_subcommands, argv[1]);
  if (subcommand == NULL)
    {
      g_autofree char *shown = g_utf8_make_valid (argv[1], -1);

      return trellis_cli_usage_error (group->name, _("unknown sub-command “%s”"), shown);
    }
  prgname = g_strdup_printf ("trellis-cli %s", subcommand->name);
  g_set_prgname (prgname);
  return subcommand->run (subcommand, argc - 1, argv + 1);
}

/* A date option is checked before the study is opened, so that a mistyped
 * date is a usage error naming the option. NULL (not given) passes; so does
 * an empty text, which the commands that allow it read as “clear”. */
gboolean
trellis_cli_check_date (const TrellisCliCommand *command,
                        const char              *option,
                        const char              *text)
{
  g_autoptr(GError) error = NULL;
  GDate date;

  if (text == NULL || *text == '\0' || trellis_date_parse (text, &date, &error))
    return TRUE;
  trellis_cli_usage_error (command->name, "%s: %s", option, error->message);
  return FALSE;
}

/* “a, b,,c” gives a, b and c. */
char **
trellis_cli_split_list (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

/* A rule of the study, or a constraint of the file, refused the change
 * (exit 1), and the store left the study as it was; any other error is
 * reported as the storage layer put it. */
int
trellis_cli_report_refusal (const GError *error)
{
  if (error->domain == TRELLIS_DOMAIN_ERROR ||
      g_error_matches (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_CONSTRAINT))
    {
      g_printerr ("trellis-cli: %s\n", error->message);
      return TRELLIS_CLI_EXIT_PROBLEM;
    }
  return trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);
}

gint64
trellis_cli_lookup_cohort (TrellisDatabase *database,
                           const char      *name,
                           int             *exit_status)
{
  g_autoptr(GError) error = NULL;
  gint64 id = trellis_cohort_store_lookup (database, name, &error);

  *exit_status = id != 0 ? TRELLIS_CLI_EXIT_OK : trellis_cli_report_refusal (error);
  return id;
}

gint64
trellis_cli_lookup_participant (TrellisDatabase *database,
                                const char      *code,
                                int             *exit_status)
{
  g_autoptr(GError) error = NULL;
  gint64 id = trellis_participant_store_lookup (database, code, &error);

  *exit_status = id != 0 ? TRELLIS_CLI_EXIT_OK : trellis_cli_report_refusal (error);
  return id;
}

/* A table is an array of rows, each a NULL-terminated array of cells. */
GPtrArray *
trellis_cli_table_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
}

/* Adds a row of @n_cells texts; a NULL cell is shown empty. */
void
trellis_cli_table_add (GPtrArray *table,
                       guint      n_cells,
                       ...)
{
  char **row = g_new0 (char *, n_cells + 1);
  va_list args;

  va_start (args, n_cells);
  for (guint i = 0; i < n_cells; i++)
    {
      const char *cell = va_arg (args, const char *);

      row[i] = g_strdup (cell != NULL ? cell : "");
    }
  va_end (args);
  g_ptr_array_add (table, row);
}

static void
print_row (char  **row,
           GArray *widths)
{
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint i = 0; row[i] != NULL; i++)
    {
      g_string_append (line, row[i]);
      if (row[i + 1] != NULL)
        for (glong pad = g_array_index (widths, glong, i) - g_utf8_strlen (row[i], -1) + 2; pad > 0; pad--)
          g_string_append_c (line, ' ');
    }
  g_print ("%s\n", line->str);
}

/* Prints the rows with each column as wide as its widest cell. */
void
trellis_cli_table_print (GPtrArray *table)
{
  g_autoptr(GArray) widths = g_array_new (FALSE, TRUE, sizeof (glong));

  for (guint r = 0; r < table->len; r++)
    {
      char **row = g_ptr_array_index (table, r);

      for (guint i = 0; row[i] != NULL; i++)
        {
          if (i >= widths->len)
            g_array_set_size (widths, i + 1);
          g_array_index (widths, glong, i) = MAX (g_array_index (widths, glong, i), g_utf8_strlen (row[i], -1));
        }
    }
  for (guint r = 0; r < table->len; r++)
    print_row (g_ptr_array_index (table, r), widths);
}
